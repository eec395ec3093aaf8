import PerfLog

/// The statistics of one group in one time window (or over the whole input when there are no
/// windows): latency of its `perf` events and their error counts.
public struct LatencyCell: Sendable {
    /// The group's field values, in ``AnalysisSpec/groupBy`` order.
    public var group: [GroupValue]
    /// Start of the window (`nil` without `--every`, or for records without a timestamp).
    public var windowStart: Timestamp?
    /// Durations of the group's `perf` events that carry a `duration_ms`.
    public var latency = LatencyStats()
    /// Counts of all the group's `perf` events.
    public var errors = ErrorCounts()

    /// An empty cell for `group` in the window starting at `windowStart` (`nil`: no windows).
    public init(group: [GroupValue], windowStart: Timestamp?) {
        self.group = group
        self.windowStart = windowStart
    }

    mutating func merge(_ other: LatencyCell) {
        latency.merge(other.latency)
        errors.merge(other.errors)
    }
}
