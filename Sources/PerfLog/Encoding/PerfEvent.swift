import Logging

/// One format-v1 line as a value: a plain log line, a `perf` event or a `slow_query` record.
///
/// Optional fields that are `nil` are left out of the line; the order of the keys is fixed
/// (`ts, level, logger, msg, event, op, duration_ms, outcome, error, status, query, threshold_ms,
/// meta`). See `docs/FORMAT.md`, section 1.
///
/// ```swift
/// let e = PerfEvent(level: .info, logger: "tta.db", message: "get_user done",
///                   event: "perf", op: "db.get_user", durationMs: 3.25, outcome: .success)
/// LineEncoder.encodeLine(e)   // {"ts":"…","level":"info",…,"duration_ms":3.25,"outcome":"success"}\n
/// ```
@_spi(Internals) public struct PerfEvent: Sendable {
    /// When the event happened (for a measured operation: when it finished).
    public var timestamp: Timestamp
    /// The severity, written as `level`.
    public var level: PerfLevel
    /// The logger label.
    public var logger: String
    /// The message; may be empty.
    public var message: String
    /// `"perf"`, `"slow_query"` or another kind; `nil` for a plain log line.
    public var event: String?
    /// The operation name, e.g. `"db.get_user_profile"`.
    public var op: String?
    /// The duration in milliseconds (written with microsecond resolution; non-finite → `null`).
    public var durationMs: Double?
    /// Whether the operation succeeded.
    public var outcome: PerfOutcome?
    /// The error's type name or short description.
    public var error: String?
    /// The HTTP status code.
    public var status: Int?
    /// The fingerprinted query text (never the raw query).
    public var query: String?
    /// The slow-query threshold in milliseconds.
    public var thresholdMs: Double?
    /// swift-log metadata, written as the `meta` object (keys sorted, redaction applied).
    public var metadata: Logger.Metadata?

    /// The event kind of a measured operation.
    public static let perfKind = "perf"
    /// The event kind of a slow-query record.
    public static let slowQueryKind = "slow_query"

    /// Creates an event; `nil` fields are left out of the line.
    public init(
        timestamp: Timestamp = .now(),
        level: PerfLevel,
        logger: String,
        message: String,
        event: String? = nil,
        op: String? = nil,
        durationMs: Double? = nil,
        outcome: PerfOutcome? = nil,
        error: String? = nil,
        status: Int? = nil,
        query: String? = nil,
        thresholdMs: Double? = nil,
        metadata: Logger.Metadata? = nil
    ) {
        self.timestamp = timestamp
        self.level = level
        self.logger = logger
        self.message = message
        self.event = event
        self.op = op
        self.durationMs = durationMs
        self.outcome = outcome
        self.error = error
        self.status = status
        self.query = query
        self.thresholdMs = thresholdMs
        self.metadata = metadata
    }
}
