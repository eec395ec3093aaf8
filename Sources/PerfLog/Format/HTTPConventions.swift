/// The OpenTelemetry HTTP names perflog reads from spans and metric dimensions, and the one rule
/// that turns an HTTP method and route template into an `op`.
///
/// The metrics factory (`PerfLogMetrics`) and the tracing backend both name HTTP server work with
/// ``operationName(method:route:)``, so a route has the same `op` whichever one recorded it:
///
/// ```swift
/// HTTPConventions.operationName(method: "GET", route: "/users/{id}")   // "api.GET /users/{id}"
/// HTTPConventions.operationName(method: "POST", route: nil)            // "api.POST (no route)"
/// HTTPConventions.statusCode("404")                                    // 404
/// ```
///
/// The route is the template (`/users/{id}`), never the raw path, so the number of ops stays
/// bounded; a request no route matched is one op per method.
public enum HTTPConventions {
    /// `http.request.method`: the request method (`GET`).
    public static let methodKey = "http.request.method"
    /// `http.route`: the matched route template (`/users/{id}`).
    public static let routeKey = "http.route"
    /// `http.response.status_code`: the response status (`200`).
    public static let statusCodeKey = "http.response.status_code"
    /// Keys that hold a response status, the current name first, then older and shorter ones.
    public static let statusCodeKeys: [String] = [statusCodeKey, "http.status_code", "status_code", "status"]
    /// Keys that hold the method, the current name first.
    public static let methodKeys: [String] = [methodKey, "http.method"]
    /// The route of a request no route matched.
    public static let unmatchedRoute = "(no route)"
    /// The method when none is known (OpenTelemetry's name for a method outside the known set).
    public static let unknownMethod = "_OTHER"

    /// The `op` of an HTTP server request: `api.<METHOD> <route template>`.
    ///
    /// - Parameters:
    ///   - method: the request method; `nil` or empty gives ``unknownMethod``.
    ///   - route: the route template; `nil` or empty gives ``unmatchedRoute``.
    /// - Returns: `api.GET /users/{id}`, `api.GET (no route)`.
    public static func operationName(method: String?, route: String?) -> String {
        let m = method.flatMap { $0.isEmpty ? nil : $0 } ?? unknownMethod
        let r = route.flatMap { $0.isEmpty ? nil : $0 } ?? unmatchedRoute
        return "api." + m + " " + r
    }

    /// A status code written as text: an integer from 100 to 999, else `nil`.
    public static func statusCode(_ text: String) -> Int? {
        guard text.utf8.count == 3, let v = Int(text), (100...999).contains(v) else { return nil }
        return v
    }
}
