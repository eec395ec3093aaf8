import CoreMetrics
import PerfLog
import Synchronization

/// A swift-metrics backend that turns metrics into format-v1 lines, so that any library
/// instrumented with swift-metrics (Vapor or Hummingbird middleware, for instance) feeds perflog
/// without code changes.
///
/// - A timer's recording is one `perf` event: `op`, `status` and `meta` from the label and
///   dimensions (``MetricOpNaming``), `duration_ms` the duration; a 5xx status makes the outcome
///   `"error"` (like ``PerformanceLogger/recordRequest(op:durationMs:status:metadata:timestamp:)``).
///   With ``TimerRecording/summary``, a timer is summarised per interval as a recorder instead,
///   its values in milliseconds: the choice of an app whose `PerfLogTracer` already writes one
///   `perf` event per request.
/// - Counters, meters, gauges and recorders are aggregated in memory and written once per
///   interval (``intervalNanoseconds``, default 10 s, and on ``flush()`` and ``close()``), one
///   line per series that changed, values as JSON numbers: a counter `delta` and `total`; a meter
///   or gauge `last`, `min`, `max`; a recorder `count`, `sum`, `min`, `max`, `last`; each with
///   `interval_ms`, the time it covers (docs/FORMAT.md, "Metric lines").
///
/// Handlers are cached per kind, label and dimensions (in order): the same metric gets the same
/// handler until it is destroyed; destroying one writes what it holds first.
///
/// Some frameworks' metrics miss work: Hummingbird's `MetricsMiddleware` records no timer when a
/// handler throws (only its counters count the request), so timers undercount errors there. The
/// tracing backend sees every request; see docs/FORMAT.md.
///
/// ```swift
/// let metrics = PerfLogMetricsFactory(sink: writer)
/// MetricsSystem.bootstrap(metrics)
/// Timer(label: "http.server.request.duration",
///       dimensions: [("http.request.method", "GET"), ("http.route", "/users/{id}"),
///                    ("http.response.status_code", "200")]).recordMilliseconds(12)
/// // {"ts":…,"logger":"metrics","msg":"api.GET /users/{id} done","event":"perf",
/// //  "op":"api.GET /users/{id}","duration_ms":12.0,"outcome":"success","status":200}
/// …
/// metrics.close()   // writes the last interval, before the writer closes
/// ```
public final class PerfLogMetricsFactory: MetricsFactory, Sendable {
    /// Where lines go.
    public let sink: any LineSink
    /// The `logger` field of every line (default `"metrics"`).
    public let label: String
    /// How labels and dimensions become `op`, `status` and `meta`.
    public let opNaming: MetricOpNaming
    /// The interval of the series' lines in nanoseconds, or `nil`: only on ``flush()``.
    public let intervalNanoseconds: Int64?
    /// How timers are written: `perf` events (the default) or a summary per interval.
    public let timers: TimerRecording

    private let cache = Mutex<[MetricKey: any AnyObject & Sendable]>([:])
    /// Serialises flushes; holds when the last one ended (monotonic nanoseconds).
    private let lastFlush = Mutex<Int64>(MonotonicClock.nanoseconds())
    private let task = Mutex<PeriodicTask?>(nil)

    /// Creates a factory writing to `sink`.
    ///
    /// - Parameters:
    ///   - sink: where lines go.
    ///   - label: the `logger` field of every line.
    ///   - interval: how often the series are written (default 10 s); `nil` writes them only on
    ///     ``flush()`` and ``close()``.
    ///   - opNaming: how labels and dimensions form the `op` (default ``MetricOpNaming/http``).
    ///   - timers: one `perf` event per recording (default), or a summary per interval.
    public init(
        sink: any LineSink, label: String = "metrics", interval: Duration? = .seconds(10),
        opNaming: MetricOpNaming = .http, timers: TimerRecording = .perfEvents
    ) {
        self.sink = sink
        self.label = label
        self.opNaming = opNaming
        self.timers = timers
        intervalNanoseconds = interval.map(PeriodicTask.nanoseconds)
        if let ns = intervalNanoseconds {
            let t = PeriodicTask(name: "perflog-metrics", intervalNanoseconds: ns) { [weak self] in self?.flush() }
            task.withLock { $0 = t }
        }
    }

    deinit { task.withLock { $0 }?.stop() }

    /// Writes one line for every series that changed since the last flush.
    public func flush() {
        let series = cache.withLock { c in c.values.compactMap { $0 as? any MetricSeries } }
        lastFlush.withLock { last in
            let now = MonotonicClock.nanoseconds()
            let ts = Timestamp.now()
            for s in series {
                let since = max(last, s.createdNanoseconds)
                s.writeInterval(to: sink, logger: label, timestamp: ts, intervalMs: Double(now - since) / 1_000_000)
            }
            last = now
        }
    }

    /// Stops the interval thread and writes the last interval. Call it before closing the writer
    /// (the lifecycle service does). Idempotent; metrics recorded afterwards are written on the
    /// next ``flush()``.
    public func close() {
        task.withLock { t in
            let running = t
            t = nil
            return running
        }?.stop()
        flush()
    }

    private func cached<H: AnyObject & Sendable>(
        _ kind: MetricKey.Kind, _ label: String, _ dimensions: [(String, String)], make: () -> H
    ) -> H {
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
        let removed = cache.withLock { c -> (any AnyObject & Sendable)? in
            guard let key = c.first(where: { ObjectIdentifier($0.value) == id })?.key else { return nil }
            return c.removeValue(forKey: key)
        }
        if let series = removed as? any MetricSeries {
            lastFlush.withLock { last in
                let since = max(last, series.createdNanoseconds)
                series.writeInterval(
                    to: sink, logger: label, timestamp: .now(),
                    intervalMs: Double(MonotonicClock.nanoseconds() - since) / 1_000_000)
            }
        }
    }

    private func naming(_ label: String, _ dimensions: [(String, String)], request: Bool = false)
        -> MetricOpNaming.Naming
    {
        opNaming.name(label: label, dimensions: dimensions, isRequest: request)
    }

    /// A counter for `label` and `dimensions` (swift-metrics `MetricsFactory`): summed in memory and
    /// written as one `counter` line per interval. One handler is cached per label and dimensions.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        cached(.counter, label, dimensions) { PerfLogCounter(naming(label, dimensions)) }
    }

    /// A meter for `label` and `dimensions`: its last, minimum and maximum value are written as one
    /// `meter` line per interval.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> MeterHandler {
        cached(.meter, label, dimensions) { PerfLogMeter(naming(label, dimensions)) }
    }

    /// A recorder for `label` and `dimensions`: with `aggregate`, count, sum, minimum and maximum are
    /// written as one `recorder` line per interval; without, it is a gauge (one `gauge` line).
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        cached(aggregate ? .recorder : .gauge, label, dimensions) {
            PerfLogRecorder(naming(label, dimensions), gauge: !aggregate)
        }
    }

    /// A timer for `label` and `dimensions`: each recorded duration is one `perf` event, its `op` named
    /// by ``MetricOpNaming`` (an HTTP timer: `api.<METHOD> <route>`, the status apart); with
    /// ``TimerRecording/summary``, one `recorder` line per interval, in milliseconds, named as a
    /// series is (`http.server.request.duration GET /users/{id}`).
    public func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler {
        switch timers {
        case .perfEvents:
            return cached(.timer, label, dimensions) {
                PerfLogTimer(sink: sink, logger: self.label, naming: naming(label, dimensions, request: true))
            }
        case .summary:
            return cached(.timer, label, dimensions) {
                PerfLogRecorder(naming(label, dimensions), gauge: false)
            }
        }
    }

    /// Removes `handler` from the cache and writes what its series gathered since the last interval
    /// at once; the series is not written again.
    public func destroyCounter(_ handler: CounterHandler) { remove(handler) }
    /// Removes `handler` from the cache (see ``destroyCounter(_:)``).
    public func destroyMeter(_ handler: MeterHandler) { remove(handler) }
    /// Removes `handler` from the cache (see ``destroyCounter(_:)``).
    public func destroyRecorder(_ handler: RecorderHandler) { remove(handler) }
    /// Removes `handler` from the cache (see ``destroyCounter(_:)``).
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
