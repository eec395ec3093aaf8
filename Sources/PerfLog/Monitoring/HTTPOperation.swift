/// The `op` of an HTTP request, one name for every source that sees requests: the tracing
/// backend (server and client spans) and the metrics backend (timers with HTTP dimensions).
///
/// A server request is named by its method and route *template* (`/users/{id}`), never by the
/// raw path, so the number of ops stays bounded; a request that matched no route is one op per
/// method. A route that is not a path template (it does not start with `/`: Hummingbird marks
/// unmatched requests with the route `NotFound`) counts as no route. A client request is named by
/// its method and the server's host.
///
/// ```swift
/// HTTPOperation.server(method: "GET", route: "/users/{id}")   // "api.GET /users/{id}"
/// HTTPOperation.server(method: "GET", route: nil)             // "api.GET (no route)"
/// HTTPOperation.server(method: "GET", route: "NotFound")      // "api.GET (no route)"
/// HTTPOperation.client(method: "POST", host: "llm.internal")  // "http.POST llm.internal"
/// ```
public enum HTTPOperation {
    /// The route part of a request that matched no route.
    public static let noRoute = "(no route)"
    /// The host part of a client request whose server is not known.
    public static let noHost = "(no host)"

    /// The op of a request served: `api.<METHOD> <route template>`, or `api.<METHOD> (no route)`.
    ///
    /// - Parameters:
    ///   - method: the request method, e.g. `"GET"`.
    ///   - route: the matched route template; `nil`, empty or not starting with `/` when no route
    ///     matched.
    public static func server(method: String, route: String?) -> String {
        let r = route.flatMap { $0.utf8.first == UInt8(ascii: "/") ? $0 : nil } ?? noRoute
        return "api." + method + " " + r
    }

    /// The op of a request sent: `http.<METHOD> <host>`, or `http.<METHOD> (no host)`.
    ///
    /// - Parameters:
    ///   - method: the request method, e.g. `"POST"`.
    ///   - host: the server's host name or address (no port, no path).
    public static func client(method: String, host: String?) -> String {
        let h = host.flatMap { $0.isEmpty ? nil : $0 } ?? noHost
        return "http." + method + " " + h
    }
}
