/// One SLO or alert rule: the condition under which it fires, over which events.
///
/// A rule fires when `stat op threshold` holds over the matching events — over all of them, or,
/// with ``forMicroseconds``, in every window of that length across the data (see
/// ``RuleEvaluator`` and docs/CHECK.md).
///
/// ```swift
/// let rule = SLORule(name: "api-p95", match: RuleMatch(opGlobs: ["api.*"]), stat: .p95,
///                    comparison: .greater, threshold: 200)   // fires when p95 > 200 ms
/// ```
public struct SLORule: Sendable {
    /// The rule's name (`name` or `alert` in a rules file).
    public var name: String
    /// Which events the rule looks at.
    public var match: RuleMatch
    /// The statistic compared.
    public var stat: SLOStat
    /// The comparison that fires the rule.
    public var comparison: SLOComparison
    /// The threshold, in the statistic's unit: milliseconds, a fraction, or events per minute.
    public var threshold: Double
    /// `for`: the window length, in microseconds; the condition must hold in every window.
    public var forMicroseconds: Int64?
    /// Free text: `warning`, `critical`, …
    public var severity: String
    /// One line saying what the rule watches.
    public var summary: String
    /// Fewest matching events a window (or the whole data) needs to have a value; fewer is
    /// `no-data` (default 1).
    public var minCount: Int64

    /// A rule; see the properties for each argument.
    public init(
        name: String, match: RuleMatch, stat: SLOStat, comparison: SLOComparison, threshold: Double,
        forMicroseconds: Int64? = nil, severity: String = "warning", summary: String = "", minCount: Int64 = 1
    ) {
        self.name = name
        self.match = match
        self.stat = stat
        self.comparison = comparison
        self.threshold = threshold
        self.forMicroseconds = forMicroseconds
        self.severity = severity
        self.summary = summary
        self.minCount = minCount
    }

    /// `p95 > 200.0 ms for 5m`.
    public var conditionText: String {
        var s = "\(stat.rawValue) \(comparison.rawValue) \(stat.format(threshold))"
        if let f = forMicroseconds { s += " for \(SLORule.intervalText(f))" }
        return s
    }

    /// An interval in the largest unit that divides it: `5m`, `90s`, `1h`, `1500ms`.
    public static func intervalText(_ us: Int64) -> String {
        for (unit, size) in [
            ("d", Int64(86_400_000_000)), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000), ("ms", 1000),
        ]
        where us % size == 0 {
            return "\(us / size)\(unit)"
        }
        return "\(us)us"
    }
}
