import PerfLog

/// The filters every command shares (`--since`, `--until`, `--level`, `--event`, `--op`,
/// `--where`), applied to scanned records.
///
/// ```swift
/// let filter = RecordFilter(since: try TimeSpec.parse("1h", now: .now()), minLevel: .warning,
///                           opGlobs: ["db.*"], where: try WhereExpression(parsing: "duration > 250ms"))
/// if filter.matches(record) { … }
/// ```
///
/// Rules:
/// - the time window is half-open: `since <= ts < until`; a record without a (parseable) `ts`
///   is excluded whenever `since` or `until` is given;
/// - `minLevel` keeps that level and above; a record without a known level is excluded;
/// - `events` keeps records whose `event` equals one of the names; the name `none` selects
///   records without an `event` (plain log lines);
/// - `opGlobs` keeps records whose `op` matches one of the globs; records without `op` are
///   excluded;
/// - `where` must evaluate to true.
/// All given conditions must hold.
public struct RecordFilter: Sendable {
    /// Earliest time kept (inclusive).
    public var since: Timestamp?
    /// End of the window (exclusive).
    public var until: Timestamp?
    /// Lowest level kept.
    public var minLevel: PerfLevel?
    /// Event names kept (`perf`, `slow_query`, any other value, or `none`).
    public var events: [String] { didSet { eventBytes = events.map { Array($0.utf8) } } }
    /// Op globs kept.
    public var opGlobs: [String] { didSet { globs = opGlobs.map(GlobPattern.init) } }
    /// A `--where` expression.
    public var `where`: WhereExpression?

    private var eventBytes: [[UInt8]]
    private var globs: [GlobPattern]

    /// A filter from the shared options; every parameter left out keeps all records.
    ///
    /// - Parameters:
    ///   - since: earliest time kept (inclusive).
    ///   - until: end of the window (exclusive).
    ///   - minLevel: lowest level kept.
    ///   - events: event names kept (`none`: records without an event).
    ///   - opGlobs: op globs kept (any of them).
    ///   - where: an expression every kept record satisfies.
    public init(
        since: Timestamp? = nil, until: Timestamp? = nil, minLevel: PerfLevel? = nil,
        events: [String] = [], opGlobs: [String] = [], where: WhereExpression? = nil
    ) {
        self.since = since
        self.until = until
        self.minLevel = minLevel
        self.events = events
        self.opGlobs = opGlobs
        self.where = `where`
        eventBytes = events.map { Array($0.utf8) }
        globs = opGlobs.map(GlobPattern.init)
    }

    /// True when the filter keeps every record.
    public var isPassThrough: Bool {
        since == nil && until == nil && minLevel == nil && events.isEmpty && opGlobs.isEmpty && `where` == nil
    }

    /// The closed range of timestamps a kept record may have, for skipping whole archive members
    /// by their index; `nil` when there is no time condition. An empty window (until <= since)
    /// is returned as a one-point range that no record can satisfy alone — check ``isEmptyWindow``.
    public var timeWindow: ClosedRange<Timestamp>? {
        guard since != nil || until != nil else { return nil }
        let lo = since ?? Timestamp(microseconds: .min)
        var hi = until.map { Timestamp(microseconds: $0.microseconds &- 1) } ?? Timestamp(microseconds: .max)
        if hi < lo { hi = lo }
        return lo...hi
    }

    /// True when `since` and `until` leave no time at all (`until <= since`).
    public var isEmptyWindow: Bool {
        guard let s = since, let u = until else { return false }
        return u <= s
    }

    /// Whether `r` passes every condition.
    @_spi(Internals) public func matches(_ r: ScannedRecord) -> Bool {
        var copy = r
        return matches(record: &copy)
    }

    /// Whether `r` passes every condition; `r` is only read (`inout` passes its 512 bytes by
    /// address: the analyzer's hot loop calls this for every line).
    @inline(__always)
    func matches(record r: inout ScannedRecord) -> Bool {
        if since != nil || until != nil {
            guard let ts = r.timestamp else { return false }
            if let s = since, ts < s { return false }
            if let u = until, ts >= u { return false }
        }
        if let minLevel {
            guard let l = r.level, l >= minLevel else { return false }
        }
        if !eventBytes.isEmpty && !matchesEvent(r) { return false }
        if !globs.isEmpty {
            guard let op = r.op, op.kind == .string else { return false }
            var hit = false
            WhereExpression.Comparison.withText(op) { text in
                for g in globs where g.matches(text) {
                    hit = true
                    break
                }
            }
            guard hit else { return false }
        }
        if let w = `where`, !w.evaluate(r) { return false }
        return true
    }

    private func matchesEvent(_ r: ScannedRecord) -> Bool {
        guard let e = r.eventRaw else {
            return eventBytes.contains { $0.elementsEqual("none".utf8) }
        }
        return WhereExpression.Comparison.withText(e) { text in
            eventBytes.contains { $0.withUnsafeBytes { $0.elementsEqual(text) } }
        }
    }
}
