import Logging

/// The performance API: measures operations and records durations as `perf` events, and slow
/// database queries as `slow_query` records (the seed's `monitor_performance`, `DatabaseMonitor`
/// and `PerformanceLogger` in Swift form).
///
/// A measured operation gives one `perf` line: `op`, `duration_ms` (monotonic clock, microsecond
/// resolution), `outcome` and, when it threw, `error` (the error's type name). Success lines have
/// level `info` and message `"<op> done"`, failures level `error` and `"<op> failed"`. `ts` is the
/// time the operation finished.
///
/// Writing straight to a sink, a perf event without metadata provider allocates nothing: the line
/// is encoded into a stack buffer and the sink copies it.
///
/// ```swift
/// let perf = PerformanceLogger(label: "tta.api", sink: sink)
/// let user = try await perf.measure("db.get_user_profile") { try await db.user(id) }
/// perf.recordRequest(op: "api.GET /api/v1/user/profile", durationMs: 12.5, status: 200)
/// let rows = try perf.measureQuery("db.list_history", query: sql) { try db.run(sql) }
/// ```
public struct PerformanceLogger: Sendable {
    /// The logger label written in each line.
    public let label: String
    /// Where lines go (`nil` when writing through a non-perflog `Logger`).
    public let sink: (any LineSink)?
    /// Metadata written in every line's `meta`.
    public let metadata: Logger.Metadata
    /// Contextual metadata (trace ids) added to every line; wins over ``metadata``.
    public let metadataProvider: Logger.MetadataProvider?
    /// Metadata keys whose values are redacted.
    public let redaction: MetadataRedaction
    /// How thrown errors are written in `error`.
    public let errorRendering: ErrorRendering
    /// When a query is slow, and how its text is fingerprinted.
    public var slowQueries: SlowQueryPolicy
    /// The lowest level written; lower-level events are skipped.
    public let logLevel: PerfLevel

    let fallback: Logger?
    let encodedMetadata: [UInt8]
    /// `"<label>"` as escaped JSON, encoded once.
    let encodedLabel: [UInt8]
    /// ``sink`` boxed for the hot path.
    let sinkBox: SinkBox?

    /// Creates a performance logger writing straight to `sink`.
    ///
    /// - Parameters:
    ///   - label: the `logger` field (default `"performance"`, the seed's logger name).
    ///   - sink: where lines go.
    ///   - metadata: written in every line's `meta`.
    ///   - metadataProvider: contextual metadata such as trace ids.
    ///   - redaction: metadata keys whose values are replaced by `"[REDACTED]"`.
    ///   - slowQueries: slow-query threshold (default 100 ms), overrides and fingerprinting.
    ///   - errorRendering: how thrown errors are written (default: their type name).
    ///   - logLevel: the lowest level written (default `.trace`: everything).
    public init(
        label: String = "performance",
        sink: any LineSink,
        metadata: Logger.Metadata = [:],
        metadataProvider: Logger.MetadataProvider? = nil,
        redaction: MetadataRedaction = .default,
        slowQueries: SlowQueryPolicy = SlowQueryPolicy(),
        errorRendering: ErrorRendering = .typeName,
        logLevel: PerfLevel = .trace
    ) {
        self.label = label
        self.sink = sink
        sinkBox = SinkBox.make(sink)
        self.metadata = metadata
        self.metadataProvider = metadataProvider
        self.redaction = redaction
        self.slowQueries = slowQueries
        self.errorRendering = errorRendering
        self.logLevel = logLevel
        self.fallback = nil
        self.encodedMetadata = PerfLogHandler.encode(metadata, redaction)
        self.encodedLabel = PerformanceLogger.encodeLabel(label)
    }

    static func encodeLabel(_ label: String) -> [UInt8] {
        var e = LineEncoder(capacity: 64)
        e.appendString(label)
        return e.bytes
    }

    /// Creates a performance logger that writes through `logger`.
    ///
    /// When the logger's handler is a ``PerfLogHandler``, events go straight to its sink with its
    /// label, level, metadata, provider and redaction (the fast path). Any other handler receives
    /// each event as a log call whose message is `"<op> done"` and whose metadata holds the
    /// fields (`event`, `op`, `duration_ms`, `outcome`, …) as strings.
    public init(logger: Logger, slowQueries: SlowQueryPolicy = SlowQueryPolicy()) {
        self.slowQueries = slowQueries
        if let h = logger.handler as? PerfLogHandler {
            label = h.label
            sink = h.sink
            sinkBox = SinkBox.make(h.sink)
            metadata = h.metadata
            metadataProvider = h.metadataProvider
            redaction = h.redaction
            errorRendering = h.errorRendering
            logLevel = PerfLevel(h.logLevel)
            fallback = nil
            encodedMetadata = h.encodedMetadata
        } else {
            label = logger.label
            sink = nil
            sinkBox = nil
            metadata = [:]
            metadataProvider = nil
            redaction = .default
            errorRendering = .typeName
            logLevel = PerfLevel(logger.logLevel)
            fallback = logger
            encodedMetadata = []
        }
        encodedLabel = PerformanceLogger.encodeLabel(label)
    }
}
