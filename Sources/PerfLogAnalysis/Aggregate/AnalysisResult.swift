import PerfLog

/// Everything one pass over the input computed: what `analyze`, `slow` and `errors` render (and
/// what `check`, `diff` and `report` will read). A value type; the latency histograms stay
/// accessible through each row's ``LatencyCell/latency``.
public struct AnalysisResult: Sendable {
    /// The analysis that produced this result.
    public var spec: AnalysisSpec
    /// What was read.
    public var input: InputStats
    /// Latency and error counts per group (and window): busiest groups first, then by group
    /// value, windows in time order.
    public var rows: [LatencyCell]
    /// Error counts over every `perf` event.
    public var errorsTotal: ErrorCounts
    /// Slow records at or over the threshold (all of them, not only the listed groups).
    public var slowCount: Int64
    /// Slow-query fingerprints, by total time descending (at most ``AnalysisSpec/top``).
    public var slowGroups: [SlowQueryGroup]
    /// Number of distinct slow-query fingerprints (before the top-N cut).
    public var slowGroupCount: Int
    /// Error types of erroneous `perf` events, most frequent first (at most ``AnalysisSpec/top``);
    /// `nil` names events without an `error` field.
    public var topErrors: [ErrorTypeCount]
    /// Problems the input layer reported (truncated archives, unreadable members), as
    /// `file@offset: reason` lines.
    public var problems: [String]
    /// Metric series (counters, gauges, meters, recorders; resource samples as gauges), sorted by
    /// kind, op, labels, status and window; empty when the input has none.
    public var metrics: [MetricSeriesStats]
    /// Fields of ``AnalysisSpec/watchedFields`` that occurred in no record.
    public var unseenFields: [UnseenField]
    /// True when the input was incomplete: malformed lines or a truncated/corrupt archive.
    public var isIncomplete: Bool

    /// A result from its parts (the engine builds one per analysis; tests build them directly).
    public init(
        spec: AnalysisSpec, input: InputStats, rows: [LatencyCell], errorsTotal: ErrorCounts, slowCount: Int64,
        slowGroups: [SlowQueryGroup], slowGroupCount: Int, topErrors: [ErrorTypeCount], problems: [String] = [],
        metrics: [MetricSeriesStats] = [], unseenFields: [UnseenField] = [], isIncomplete: Bool = false
    ) {
        self.spec = spec
        self.input = input
        self.rows = rows
        self.errorsTotal = errorsTotal
        self.slowCount = slowCount
        self.slowGroups = slowGroups
        self.slowGroupCount = slowGroupCount
        self.topErrors = topErrors
        self.problems = problems
        self.unseenFields = unseenFields
        self.metrics = metrics
        self.isIncomplete = isIncomplete
    }
}
