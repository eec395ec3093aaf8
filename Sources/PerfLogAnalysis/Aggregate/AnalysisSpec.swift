import PerfLog

/// What one analysis computes: the options shared by `analyze`, `slow`, `errors`, `check`, `diff`
/// and `report`, which choose what to render from the same result.
///
/// ```swift
/// var spec = AnalysisSpec()
/// spec.groupBy = [FieldPath("op"), FieldPath("status")]
/// spec.everyMicroseconds = 300_000_000        // 5-minute windows
/// ```
public struct AnalysisSpec: Sendable {
    /// Field paths whose values form a latency/error group (default: `op`).
    public var groupBy: [FieldPath]
    /// Window length in microseconds, or `nil` for one window over the whole input. Windows are
    /// aligned to multiples of the length since the Unix epoch (UTC).
    public var everyMicroseconds: Int64?
    /// Slow-query threshold in milliseconds: slow records at or over it are counted (default 100).
    public var slowThresholdMilliseconds: Double
    /// A ``slowThresholdMilliseconds`` no duration reaches (10¹² ms, about 31 years): for an
    /// analysis that renders no slow-query section (`check`, `diff`, the report's span pass), so
    /// that it never fingerprints a query.
    public static let noSlowQueries: Double = 1e12
    /// How many slow-query fingerprints and error types a report lists.
    public var top: Int
    /// How many malformed lines are kept as examples (`file:line: reason`).
    public var malformedExamples: Int
    /// Which records count (`--since`, `--level`, `--where`, …); pass-through by default.
    public var filter: RecordFilter
    /// The SQL dialect slow queries are fingerprinted in on read (`--dialect`; default
    /// ``SQLDialect/generic``, which fails closed where dialects differ).
    public var sqlDialect: SQLDialect
    /// Fields named on the command line; those that occur in no record (read before the filter)
    /// are listed in ``AnalysisResult/unseenFields``. Empty by default.
    public var watchedFields: [WatchedField] = []

    /// A spec; every argument has the default `perflog analyze` uses.
    public init(
        groupBy: [FieldPath] = [FieldPath("op")], everyMicroseconds: Int64? = nil,
        slowThresholdMilliseconds: Double = 100, top: Int = 20, malformedExamples: Int = 5,
        filter: RecordFilter = RecordFilter(), sqlDialect: SQLDialect = .generic
    ) {
        self.sqlDialect = sqlDialect
        self.filter = filter
        self.groupBy = groupBy
        self.everyMicroseconds = everyMicroseconds
        self.slowThresholdMilliseconds = slowThresholdMilliseconds
        self.top = top
        self.malformedExamples = malformedExamples
    }
}
