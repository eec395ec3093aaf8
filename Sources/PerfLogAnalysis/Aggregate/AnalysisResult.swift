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
    /// True when the input was incomplete: malformed lines or a truncated/corrupt archive.
    public var isIncomplete: Bool

    public init(
        spec: AnalysisSpec, input: InputStats, rows: [LatencyCell], errorsTotal: ErrorCounts, slowCount: Int64,
        slowGroups: [SlowQueryGroup], slowGroupCount: Int, topErrors: [ErrorTypeCount], problems: [String] = [],
        isIncomplete: Bool = false
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
        self.isIncomplete = isIncomplete
    }
}

/// How often one error type occurred.
public struct ErrorTypeCount: Sendable, Equatable {
    /// The `error` field (`nil` for errors without one).
    public var error: String?
    /// Number of erroneous `perf` events with that error.
    public var count: Int64

    public init(error: String?, count: Int64) {
        self.error = error
        self.count = count
    }
}

extension Aggregator {
    /// The final, sorted result (call after merging every worker into this one).
    public func result() -> AnalysisResult { state.result() }
}

extension AggregationState {
    func result() -> AnalysisResult {
        // Rows: groups by total event count descending, then group value, then window. Sort the
        // distinct groups once, then the cells by (group rank, window) on plain integers.
        var groupIndex: [[GroupValue]: Int] = [:]
        var groups: [(values: [GroupValue], total: Int64)] = []
        var cellGroup = [Int](repeating: 0, count: cells.count)
        for (i, c) in cells.enumerated() {
            let g: Int
            if let known = groupIndex[c.group] {
                g = known
            } else {
                g = groups.count
                groupIndex[c.group] = g
                groups.append((c.group, 0))
            }
            groups[g].total += c.errors.count
            cellGroup[i] = g
        }
        let groupOrder = groups.indices.sorted { a, b in
            groups[a].total != groups[b].total
                ? groups[a].total > groups[b].total : groups[a].values.lexicographicallyPrecedes(groups[b].values)
        }
        var rank = [Int](repeating: 0, count: groups.count)
        for (r, g) in groupOrder.enumerated() { rank[g] = r }
        let order = cells.indices.sorted { a, b in
            let ra = rank[cellGroup[a]], rb = rank[cellGroup[b]]
            if ra != rb { return ra < rb }
            return (cells[a].windowStart?.microseconds ?? .max) < (cells[b].windowStart?.microseconds ?? .max)
        }
        let rows = order.map { cells[$0] }
        let slow = slowGroups.sorted { a, b in
            a.stats.sumNanoseconds != b.stats.sumNanoseconds
                ? a.stats.sumNanoseconds > b.stats.sumNanoseconds : a.fingerprint < b.fingerprint
        }
        let errors = errorTypes.map { ErrorTypeCount(error: $0.name, count: $0.count) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            switch (a.error, b.error) {
            case (nil, nil): return false
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): return x < y
            }
        }
        return AnalysisResult(
            spec: spec, input: input, rows: rows, errorsTotal: total, slowCount: slowCount,
            slowGroups: Array(slow.prefix(max(0, spec.top))), slowGroupCount: slowGroups.count,
            topErrors: Array(errors.prefix(max(0, spec.top))), isIncomplete: input.malformed > 0)
    }
}
