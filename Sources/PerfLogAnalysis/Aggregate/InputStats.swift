import PerfLog

/// What was read: the `input` section of a report.
public struct InputStats: Sendable, Equatable {
    /// Input sources read (files, archive members are not counted separately).
    public var files: Int = 0
    /// Bytes read from the sources (compressed size for archives).
    public var bytes: UInt64 = 0
    /// Lines seen, including blank and malformed ones.
    public var lines: Int64 = 0
    /// Records that parsed and passed the filters.
    public var events: Int64 = 0
    /// Lines that were not a JSON object, were torn, or exceeded the line-length cap.
    public var malformed: Int64 = 0
    /// `recovered` records: a writer cut a line torn by a crash at restart (docs/FORMAT.md,
    /// "Writer records"). The cut bytes are not malformed input; they are counted here.
    public var recovered: Int64 = 0
    /// Bytes the `recovered` records say were cut.
    public var recoveredBytes: Int64 = 0
    /// Empty or whitespace-only lines.
    public var blank: Int64 = 0
    /// `perf` and `slow_query` records whose `duration_ms` exceeds ``LatencyStats/maxMilliseconds``
    /// (or is not a finite number): the record counts (events, errors), its duration is left out
    /// of the latency statistics.
    public var outOfRangeDurations: Int64 = 0
    /// Earliest `ts` of a counted record.
    public var from: Timestamp?
    /// Latest `ts` of a counted record.
    public var to: Timestamp?
    /// The first malformed lines (by source, then position), as `file:line: reason`.
    public var malformedExamples: [MalformedLine] = []

    /// Nothing read yet.
    public init() {}

    /// Adds `other` (order-independent).
    mutating func merge(_ other: InputStats, keepExamples: Int) {
        lines += other.lines
        events += other.events
        malformed += other.malformed
        recovered += other.recovered
        recoveredBytes += other.recoveredBytes
        blank += other.blank
        outOfRangeDurations += other.outOfRangeDurations
        if let f = other.from { from = min(from ?? f, f) }
        if let t = other.to { to = max(to ?? t, t) }
        malformedExamples.append(contentsOf: other.malformedExamples)
        malformedExamples.sort()
        if malformedExamples.count > keepExamples {
            malformedExamples.removeLast(malformedExamples.count - keepExamples)
        }
    }
}
