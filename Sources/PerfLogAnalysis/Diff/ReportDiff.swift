/// The comparison of two runs per group (op by default): counts, p50, p95, p99 and error rate with
/// their absolute and relative change, and which groups regressed beyond the gate. The seed's
/// weekly regression check.
///
/// ```swift
/// let diff = ReportDiff(base: DiffSide(result: lastWeek), current: DiffSide(result: thisWeek), gate: DiffGate())
/// if diff.regressed { … }
/// ```
public struct ReportDiff: Sendable {
    /// One compared group.
    public struct Row: Sendable {
        /// The group's values joined with `, ` (the op, by default).
        public var key: String
        /// The base side (`nil`: the group is new).
        public var base: DiffStats?
        /// The current side (`nil`: the group is gone).
        public var current: DiffStats?
        /// The metrics that regressed beyond the gate.
        public var regressions: [DiffMetric]

        /// `current − base` of `metric` (milliseconds, or a fraction for the error rate).
        public func absoluteChange(_ metric: DiffMetric) -> Double? {
            guard let b = base?.value(metric), let c = current?.value(metric) else { return nil }
            return c - b
        }

        /// `(current − base) / base` of `metric` (`nil` when the base is zero or missing).
        public func relativeChange(_ metric: DiffMetric) -> Double? {
            guard let b = base?.value(metric), let c = current?.value(metric), b != 0 else { return nil }
            return (c - b) / b
        }

        /// `regressed`, `new`, `gone`, or `ok`.
        public var status: String {
            if base == nil { return "new" }
            if current == nil { return "gone" }
            return regressions.isEmpty ? "ok" : "regressed"
        }
    }

    /// The group fields.
    public var fields: [String]
    /// Groups in the base's order, then the groups only the current side has.
    public var rows: [Row]
    /// The gate used.
    public var gate: DiffGate
    /// Whether either input was incomplete.
    public var isIncomplete: Bool

    /// Compares `current` with `base`.
    public init(base: DiffSide, current: DiffSide, gate: DiffGate) {
        fields = base.fields
        self.gate = gate
        isIncomplete = base.isIncomplete || current.isIncomplete
        var currentByKey: [String: DiffStats] = [:]
        for g in current.groups { currentByKey[g.key] = g.stats }
        var rows: [Row] = []
        var seen: Set<String> = []
        for g in base.groups {
            seen.insert(g.key)
            let c = currentByKey[g.key]
            rows.append(
                Row(
                    key: g.key, base: g.stats, current: c,
                    regressions: c.map { gate.regressions(base: g.stats, current: $0) } ?? []))
        }
        for g in current.groups where !seen.contains(g.key) {
            rows.append(Row(key: g.key, base: nil, current: g.stats, regressions: []))
        }
        self.rows = rows
    }

    /// Whether any group regressed beyond the gate.
    public var regressed: Bool { rows.contains { !$0.regressions.isEmpty } }
}
