import PerfLog

/// What `perflog top` shows at one moment: the rows of the window and its header figures.
package struct TopSnapshot: Sendable {
    /// The end of the window (the clock's time when the snapshot was taken).
    package var end: Timestamp
    /// The start of the window (a slice boundary).
    package var windowStart: Timestamp
    /// The configured window length, in microseconds.
    package var windowMicroseconds: Int64
    /// One row per group with events in the window, unsorted.
    package var rows: [TopRow]
    /// `perf` events in the window.
    package var events: Int64
    /// `perf` events per second over the window.
    package var perSecond: Double
    /// Lines that were not JSON objects, since the start.
    package var malformed: Int64
    /// Lines read since the start.
    package var lines: Int64
    /// The window's slowest query (from `slow_query` records).
    package var slowest: TopSlowQuery?
    /// The newest `perf` event seen, in or out of the window.
    package var newest: Timestamp?
}

/// One row of `perflog top`: a group's statistics over the window.
package struct TopRow: Sendable {
    /// The group's values, joined by spaces (`api.GET /x`, or `api.GET /x 200` with `--by op,status`).
    package var name: String
    /// Counts and latencies over the window.
    package var stats: TopStats
    /// Events per second over the window.
    package var perSecond: Double
    /// The p95 of the previous window, in nanoseconds (`nil` when it had no durations).
    package var previousP95Nanoseconds: Double?
    /// The names of the rules that fire on this row's window.
    package var firing: [String]

    /// The p95 in nanoseconds, `nil` without durations.
    package var p95Nanoseconds: Double? { stats.quantiles?[2] }

    /// The change of the p95 against the previous window, as a fraction (0.25 is 25% slower);
    /// `nil` when either window has no durations.
    package var trend: Double? {
        guard let now = p95Nanoseconds, let before = previousP95Nanoseconds, before > 0 else { return nil }
        return now / before - 1
    }
}

/// The slowest `slow_query` record of a slice or window.
package struct TopSlowQuery: Sendable {
    /// Its duration, in nanoseconds.
    package var nanoseconds: Int64
    /// Its fingerprinted query (or its op when the record has no query).
    package var query: String
}
