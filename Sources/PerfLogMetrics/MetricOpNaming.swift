import Logging
import PerfLog

/// How a metric's label and dimensions become the `op`, `status` and `meta` of its lines.
///
/// - ``http`` (the default) follows the OpenTelemetry HTTP names: a timer with
///   `http.request.method` and `http.route` is the request itself, `op` `api.GET /users/{id}`
///   (``HTTPConventions/operationName(method:route:)``, the rule the tracing backend uses too);
///   any other metric with them is `<label> GET /users/{id}` (`hb.requests GET /users/{id}`). A
///   status dimension (`http.response.status_code`, `http.status_code`, `status_code`, `status`)
///   holding a status code becomes the line's `status`, never part of the `op`.
/// - ``dimensions(_:)`` names the dimensions that form the `op`: `label{key=value,…}` with the
///   named ones present, in the order named; the status is read as above.
///
/// Every other dimension goes to `meta`, as a string.
///
/// ```swift
/// PerfLogMetricsFactory(sink: sink)                                   // .http
/// PerfLogMetricsFactory(sink: sink, opNaming: .dimensions(["queue"]))  // "jobs.done{queue=mail}"
/// ```
public struct MetricOpNaming: Sendable {
    enum Rule: Sendable {
        case http
        case dimensions([String])
    }

    let rule: Rule

    /// The OpenTelemetry HTTP conventions (see the type's discussion).
    public static let http = MetricOpNaming(rule: .http)

    /// The `op` is the label and the dimensions named by `keys`, in that order.
    public static func dimensions(_ keys: [String]) -> MetricOpNaming { MetricOpNaming(rule: .dimensions(keys)) }

    /// What one metric's lines carry.
    struct Naming: Sendable {
        var op: String
        var status: Int?
        var meta: Logger.Metadata
    }

    /// The `op`, `status` and `meta` of a metric.
    ///
    /// - Parameters:
    ///   - isRequest: a timer (one line per recording: a request has the `api.` op).
    func name(label: String, dimensions: [(String, String)], isRequest: Bool) -> Naming {
        var rest = dimensions
        var status: Int?
        for key in HTTPConventions.statusCodeKeys {
            if case .dimensions(let keys) = rule, keys.contains(key) { continue }
            if let i = rest.firstIndex(where: { $0.0 == key }), let s = HTTPConventions.statusCode(rest[i].1) {
                status = s
                rest.remove(at: i)
                break
            }
        }
        var op = label
        switch rule {
        case .http:
            let method = HTTPConventions.methodKeys.lazy.compactMap { k in rest.first(where: { $0.0 == k })?.1 }.first
            let route = rest.first(where: { $0.0 == HTTPConventions.routeKey })?.1
            if method != nil || route != nil {
                rest.removeAll { HTTPConventions.methodKeys.contains($0.0) || $0.0 == HTTPConventions.routeKey }
                if isRequest {
                    op = HTTPConventions.operationName(method: method, route: route)
                } else {
                    op = ([label] + [method, route].compactMap { $0 }).joined(separator: " ")
                }
            }
        case .dimensions(let keys):
            var parts: [String] = []
            for key in keys {
                if let i = rest.firstIndex(where: { $0.0 == key }) {
                    parts.append("\(key)=\(rest[i].1)")
                    rest.remove(at: i)
                }
            }
            if !parts.isEmpty { op = label + "{" + parts.joined(separator: ",") + "}" }
        }
        var meta: Logger.Metadata = [:]
        for (k, v) in rest { meta[k] = .string(v) }
        return Naming(op: op, status: status, meta: meta)
    }
}
