import PerfLog

/// The state of a rule after evaluation.
public enum RuleState: String, Sendable, Equatable {
    /// The condition does not hold (over the data, or in at least one `for` window).
    case ok
    /// The condition holds (over the data, or in every `for` window).
    case fired
    /// No matching events (or fewer than the rule's `min_count`): nothing to judge.
    case noData = "no-data"
}

/// One `for` window of a rule.
public struct RuleWindow: Sendable, Equatable {
    /// Start of the window (aligned to multiples of its length since the Unix epoch, UTC).
    public var start: Timestamp
    /// Matching `perf` events in the window.
    public var count: Int64
    /// The statistic in the window, `nil` without enough events.
    public var value: Double?
    /// Whether the firing condition holds in the window.
    public var holds: Bool
}

/// A rule's outcome: its value over all matching events, its state, and its windows when it has
/// a `for`.
public struct RuleResult: Sendable {
    /// The rule.
    public var rule: SLORule
    /// Matching `perf` events.
    public var count: Int64
    /// The statistic over all matching events (`nil`: no data).
    public var value: Double?
    /// ok, fired or no-data.
    public var state: RuleState
    /// The `for` windows across the data, in time order (empty without `for`).
    public var windows: [RuleWindow]

    public init(rule: SLORule, count: Int64, value: Double?, state: RuleState, windows: [RuleWindow] = []) {
        self.rule = rule
        self.count = count
        self.value = value
        self.state = state
        self.windows = windows
    }
}
