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

/// One `for` window of a rule, or a run of consecutive windows without matching events.
///
/// Windows are kept for the data, not for the span: a window with matching events is one entry;
/// the windows between them (which all have the same value) are one entry with ``length`` above 1,
/// so a span from year 1 to today in `for: 1us` windows takes as little memory as its data.
public struct RuleWindow: Sendable, Equatable {
    /// Start of the window, or of the run's first window (aligned to multiples of the window
    /// length since the Unix epoch, UTC).
    public var start: Timestamp
    /// How many consecutive windows the entry stands for: 1 for a window with matching events,
    /// the run's length for windows without any.
    public var length: Int64 = 1
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
    /// The `for` windows across the data, in time order, runs of windows without matching
    /// events as one entry each (empty without `for`).
    public var windows: [RuleWindow]

    /// How many `for` windows the data span has (the ``RuleWindow/length`` of every entry).
    public var windowCount: Int64 { windows.reduce(0) { $0 + $1.length } }

    /// How many `for` windows the firing condition holds in.
    public var heldWindowCount: Int64 { windows.reduce(0) { $0 + ($1.holds ? $1.length : 0) } }

    /// A result from its parts.
    public init(rule: SLORule, count: Int64, value: Double?, state: RuleState, windows: [RuleWindow] = []) {
        self.rule = rule
        self.count = count
        self.value = value
        self.state = state
        self.windows = windows
    }
}
