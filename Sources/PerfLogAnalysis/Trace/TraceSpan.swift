import PerfLog

/// One span of a trace as read back from a `perf` event written by the tracing backend.
public struct TraceSpan: Sendable, Equatable {
    /// `meta.span_id`.
    public var spanID: String
    /// `meta.parent_span_id`, `nil` for a root.
    public var parentSpanID: String?
    /// The event's `op`.
    public var op: String
    /// `duration_ms`.
    public var durationMs: Double
    /// `status`, when written.
    public var status: Int?
    /// Whether the outcome was an error.
    public var isError: Bool
    /// `error`, when written.
    public var error: String?
    /// `ts`: when the span ended.
    public var end: Timestamp

    /// A span with the given fields (each as documented on its property).
    public init(
        spanID: String, parentSpanID: String?, op: String, durationMs: Double, status: Int?, isError: Bool,
        error: String?, end: Timestamp
    ) {
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.op = op
        self.durationMs = durationMs
        self.status = status
        self.isError = isError
        self.error = error
        self.end = end
    }

    /// When the span started: its end minus its duration, in microseconds since the epoch.
    public var startMicroseconds: Int64 {
        end.microseconds - Int64((durationMs * 1000).rounded())
    }
}
