/// What kind of event a scanned line records, from its `event` field.
///
/// Format v1 writes `"perf"` for a measured operation and `"slow_query"` for a slow-query record;
/// plain log lines carry no `event` (``none``); any other value is ``other`` (its text is in
/// ``ScannedRecord/eventRaw``).
@_spi(Internals) public enum EventKind: UInt8, Sendable, Hashable {
    /// The line has no `event` field: a plain log line.
    case none
    /// `"event": "perf"`: one measured operation.
    case perf
    /// `"event": "slow_query"`: a query at or over its threshold.
    case slowQuery
    /// Any other `event` value (or a non-string one).
    case other
}
