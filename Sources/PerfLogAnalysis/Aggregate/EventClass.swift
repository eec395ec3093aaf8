/// The kind of a record as the aggregator sees it (from the `event` field).
public enum EventClass: Sendable, Equatable {
    /// `event: "perf"`: a measured operation; feeds latency and errors.
    case perf
    /// `event: "slow_query"`: feeds only the slow-query section.
    case slowQuery
    /// Any other record (a plain log line, or another event): counted in the input statistics only.
    case other
}
