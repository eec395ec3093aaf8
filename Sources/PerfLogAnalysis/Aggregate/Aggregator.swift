import PerfLog

/// One worker's aggregation state: every statistic of an analysis, for the records this worker saw.
///
/// The input layer gives each worker thread its own aggregator (it is a ``ChunkConsumer``); the
/// engine merges them at the end with ``merge(_:)``. Merging is order-independent and all sums
/// are exact integers, so the result is identical for any thread count and any split of the input.
///
/// Tests and other producers can feed records directly:
/// ```swift
/// let agg = Aggregator(spec: AnalysisSpec())
/// agg.record(group: [.string("db.get_user")], timestamp: ts, event: .perf, durationMs: 12.5,
///            isError: false, status: nil, errorType: nil, op: "db.get_user", query: nil)
/// let result = agg.result()
/// ```
public final class Aggregator {
    /// What this aggregator computes.
    public let spec: AnalysisSpec
    var state: AggregationState

    /// An aggregator computing what `spec` asks for.
    public init(spec: AnalysisSpec) {
        self.spec = spec
        state = AggregationState(spec: spec)
    }

    /// Input statistics (lines, malformed, …) of what this worker saw.
    public var input: InputStats { state.input }

    /// Number of distinct (group, window) cells so far.
    public var cellCount: Int { state.cellCount }

    /// Records one record given as plain values (the entry point for tests and non-scanner
    /// producers). The caller has already applied any filter.
    ///
    /// - Parameters:
    ///   - group: the record's values for ``AnalysisSpec/groupBy``, in order.
    ///   - timestamp: the record's `ts`, if any.
    ///   - event: the record's kind; only `.perf` feeds latency and errors.
    ///   - durationMs: `duration_ms`, in milliseconds.
    ///   - isError: whether the outcome is an error.
    ///   - status: the HTTP status, if any.
    ///   - errorType: the `error` field, if any.
    ///   - op: the `op` field (listed for slow queries).
    ///   - query: the `query` field (fingerprinted again here).
    public func record(
        group: [GroupValue], timestamp: Timestamp?, event: EventClass, durationMs: Double?,
        isError: Bool, status: Int?, errorType: String?, op: String?, query: String?
    ) {
        state.record(
            group: group, timestamp: timestamp, event: event, durationMs: durationMs, isError: isError, status: status,
            errorType: errorType, op: op, query: query)
    }

    /// Counts a line that was read (call once per line, whatever it held).
    public func countLine() { state.countLine() }

    /// Counts a blank line.
    public func countBlank() { state.countBlank() }

    /// Counts a malformed line, keeping it as an example while fewer than the spec's limit are kept
    /// (the earliest by source and position win after merging).
    public func countMalformed(sourceIndex: Int, line: Int?, byteOffset: UInt64, reason: @autoclosure () -> String) {
        state.countMalformed(sourceIndex: sourceIndex, line: line, byteOffset: byteOffset, reason: reason())
    }

    /// Adds everything `other` recorded into this aggregator (both must share one spec).
    public func merge(_ other: Aggregator) { state.merge(other.state) }

    /// Runs `body` with exclusive access to the state (one access for a whole chunk).
    @inline(__always)
    func withState<R>(_ body: (inout AggregationState) -> R) -> R { body(&state) }
}
