import CoreMetrics
import PerfLog
import Synchronization

/// A swift-metrics backend that turns metrics into format-v1 lines, so that any library
/// instrumented with swift-metrics (Vapor or Hummingbird middleware, for instance) feeds perflog
/// without code changes.
///
/// - A timer's `recordNanoseconds` writes a `perf` event: `op` is the metric's
///   ``operationName(label:dimensions:)``, `duration_ms` the duration, `outcome` `"success"`;
///   when a dimension named `status`, `status_code`, `http.status_code` or
///   `http.response.status_code` holds an integer, it is written as `status`, and a 5xx makes the
///   outcome `"error"` (like ``PerformanceLogger/recordRequest(op:durationMs:status:)``).
/// - A counter's increment writes `event: "counter"` with `meta.value` (the increment) and
///   `meta.total` (the running total since creation or `reset()`, which writes nothing).
/// - A recorder writes `event: "recorder"` (a gauge, `aggregate: false`: `event: "gauge"`) with
///   `meta.value`; a meter writes `event: "meter"` with `meta.value`, its value after the change.
/// - Values in `meta` are strings (as all swift-log metadata are): integers in decimal, doubles in
///   Swift's shortest round-trip form. Every event's `meta` also holds the dimensions.
///
/// Handlers are cached per label and dimensions (in order): the same metric gets the same handler
/// until it is destroyed.
///
/// ```swift
/// MetricsSystem.bootstrap(PerfLogMetricsFactory(sink: sink))
/// Timer(label: "http_request", dimensions: [("route", "/user")]).recordMilliseconds(12)
/// // {"ts":…,"level":"info","logger":"metrics","msg":"http_request{route=/user} done",
/// //  "event":"perf","op":"http_request{route=/user}","duration_ms":12.0,"outcome":"success","meta":{"route":"/user"}}
/// ```
public final class PerfLogMetricsFactory: MetricsFactory {
    /// Where lines go.
    public let sink: any LineSink
    /// The `logger` field of every line (default `"metrics"`).
    public let label: String

    private let cache = Mutex<[MetricKey: any AnyObject & Sendable]>([:])

    /// Creates a factory writing to `sink`.
    ///
    /// - Parameters:
    ///   - sink: where lines go.
    ///   - label: the `logger` field of every line.
    public init(sink: any LineSink, label: String = "metrics") {
        self.sink = sink
        self.label = label
    }

    /// The `op` of a metric: its label alone without dimensions, else
    /// `label{key=value,key=value}` with the dimensions in the order given.
    public static func operationName(label: String, dimensions: [(String, String)]) -> String {
        guard !dimensions.isEmpty else { return label }
        return label + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    private func cached<H: AnyObject & Sendable>(_ kind: MetricKey.Kind, _ label: String, _ dimensions: [(String, String)], make: () -> H) -> H {
        let key = MetricKey(kind: kind, label: label, dimensions: dimensions)
        return cache.withLock { c in
            if let h = c[key] as? H { return h }
            let h = make()
            c[key] = h
            return h
        }
    }

    private func remove(_ handler: AnyObject) {
        let id = ObjectIdentifier(handler)
        cache.withLock { c in
            if let key = c.first(where: { ObjectIdentifier($0.value) == id })?.key { c.removeValue(forKey: key) }
        }
    }

    private func writer(_ label: String, _ dimensions: [(String, String)]) -> MetricLineWriter {
        MetricLineWriter(sink: sink, logger: self.label, op: Self.operationName(label: label, dimensions: dimensions), dimensions: dimensions)
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        cached(.counter, label, dimensions) { PerfLogCounter(writer(label, dimensions)) }
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> MeterHandler {
        cached(.meter, label, dimensions) { PerfLogMeter(writer(label, dimensions)) }
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        cached(aggregate ? .recorder : .gauge, label, dimensions) {
            PerfLogRecorder(writer(label, dimensions), kind: aggregate ? "recorder" : "gauge")
        }
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler {
        cached(.timer, label, dimensions) {
            PerfLogTimer(sink: sink, logger: self.label, label: label, dimensions: dimensions)
        }
    }

    public func destroyCounter(_ handler: CounterHandler) { remove(handler) }
    public func destroyMeter(_ handler: MeterHandler) { remove(handler) }
    public func destroyRecorder(_ handler: RecorderHandler) { remove(handler) }
    public func destroyTimer(_ handler: TimerHandler) { remove(handler) }

    /// The number of cached handlers (for tests and diagnostics).
    public var cachedHandlerCount: Int { cache.withLock { $0.count } }
}

/// The cache key: kind, label and the dimensions in order.
struct MetricKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case counter, meter, recorder, gauge, timer }
    let kind: Kind
    let label: String
    let dimensions: [String]

    init(kind: Kind, label: String, dimensions: [(String, String)]) {
        self.kind = kind
        self.label = label
        self.dimensions = dimensions.flatMap { [$0.0, $0.1] }
    }
}
