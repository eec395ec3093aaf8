import PerfLog

/// The aggregation behind `perflog top`: scans lines as they are followed and keeps, per time
/// slice, one ``TopCell`` per row, so a window of any rate costs the same memory; a snapshot
/// adds up the slices of the current and the previous window.
///
/// ```swift
/// let top = TopAggregator(TopConfiguration(windowMicroseconds: 60_000_000))
/// follower.poll { line in top.ingest(line) }
/// let snapshot = top.snapshot(at: .now())
/// ```
///
/// Rows are the `perf` events grouped by ``TopConfiguration/groupBy``; `slow_query` records give
/// the window's slowest query. Slices older than two windows before the last snapshot are
/// dropped, and so are records older than that when they arrive (counted in ``late``).
package final class TopAggregator {
    /// The configuration.
    package let configuration: TopConfiguration
    /// Lines read, blank ones included.
    package private(set) var lines: Int64 = 0
    /// Lines that are not JSON objects.
    package private(set) var malformed: Int64 = 0
    /// Kept records dated before the oldest slice still kept.
    package private(set) var late: Int64 = 0
    /// The newest timestamp of a kept `perf` event.
    package private(set) var newest: Timestamp?

    private var scanner = LineScanner()
    private var record = ScannedRecord()
    private let fields: [GroupField]
    private let byOp: Bool
    private let key = KeyBuilder()
    private var rowKeys = ByteKeyTable()
    private var rowNames: [String] = []
    private var overflowRow: Int?
    /// Per row: the rules that apply to all its events (op globs only, grouped by op).
    private var rowRules: [[Int]] = []
    /// Rules whose match must be checked record by record, with their filters.
    private let recordRules: [(index: Int, filter: RecordFilter)]
    private var slices: [Int64: TopSlice] = [:]
    private var oldestSlice = Int64.min
    private var scratch = LatencyBuckets.Merged()

    /// - Parameter configuration: the window, rows, filters and rules.
    package init(_ configuration: TopConfiguration) {
        self.configuration = configuration
        fields = configuration.groupBy.map(GroupField.init)
        byOp = configuration.groupBy == [FieldPath("op")]
        var perRecord: [(Int, RecordFilter)] = []
        for (i, rule) in configuration.rules.enumerated() {
            if let f = rule.match.filter, !(byOp && rule.match.where == nil) { perRecord.append((i, f)) }
        }
        recordRules = perRecord
    }

    /// Drops what is older than the current and the previous window before `end`: call it with
    /// the clock's time before reading old data, so that only what a snapshot needs is kept.
    package func discard(before end: Timestamp) {
        let first = firstSlice(ofWindowEndingAt: end) - configuration.slicesPerWindow
        guard first > oldestSlice else { return }
        oldestSlice = first
        slices = slices.filter { $0.key >= first }
    }

    /// Scans one line (without its `\n`) and counts it.
    package func ingest(_ line: UnsafeRawBufferPointer) {
        lines += 1
        switch scanner.scan(line, into: &record) {
        case .blank: return
        case .malformed:
            malformed += 1
            return
        case .record: break
        }
        guard record.event == .perf || record.event == .slowQuery else { return }
        let filter = configuration.filter
        if !filter.isPassThrough && !filter.matches(record: &record) { return }
        guard let ts = record.timestamp else { return }
        let slice = floorDiv(ts.microseconds, configuration.sliceMicroseconds)
        guard slice >= oldestSlice else {
            late += 1
            return
        }
        if record.event == .slowQuery {
            recordSlowQuery(slice)
            return
        }
        if newest.map({ ts > $0 }) ?? true { newest = ts }
        let row = self.row()
        let ns = record.durationMs.map { LatencyStats.nanoseconds(milliseconds: $0) }
        let isError = record.isError
        let status = record.status
        slices[slice, default: TopSlice()].record(row: row, nanoseconds: ns, isError: isError, status: status)
        for (index, filter) in recordRules where filter.matches(record: &record) {
            slices[slice, default: TopSlice()].record(
                ruleCell: Int64(index) << 32 | Int64(row), nanoseconds: ns, isError: isError, status: status)
        }
    }

    /// The row of the scanned record, created when new (or the overflow row past the limit).
    private func row() -> Int {
        key.removeAll()
        for (i, f) in fields.enumerated() {
            if let v = f.value(in: &record) { key.appendField(tag: UInt8(1 + i), v.raw) } else { key.append(byte: 0) }
        }
        if let found = rowKeys.find(key.bytes) { return found }
        if rowKeys.count >= configuration.maxRows {
            if let o = overflowRow { return o }
            let o = newRow(name: TopConfiguration.overflowRowName, ops: [])
            overflowRow = o
            return o
        }
        let names = fields.map { f in f.value(in: &record).map(\.string) ?? "-" }
        return newRow(name: names.joined(separator: " "), ops: byOp ? [names[0]] : [])
    }

    private func newRow(name: String, ops: [String]) -> Int {
        let (index, _) = rowKeys.findOrInsert(name == TopConfiguration.overflowRowName ? overflowKey : key.bytes)
        rowNames.append(name)
        var rules: [Int] = []
        for (i, rule) in configuration.rules.enumerated() where rule.match.where == nil && byOp {
            let globs = rule.match.opGlobs.map(GlobPattern.init)
            if globs.isEmpty || ops.contains(where: { op in globs.contains { $0.matches(op) } }) { rules.append(i) }
        }
        rowRules.append(rules)
        return index
    }

    /// A key no record can produce (tags start at 1, absent fields are a 0 byte alone).
    private var overflowKey: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    private func recordSlowQuery(_ slice: Int64) {
        guard let ms = record.durationMs else { return }
        let ns = LatencyStats.nanoseconds(milliseconds: ms)
        if let current = slices[slice]?.slowest, current.nanoseconds >= ns { return }
        let text = record.query?.string ?? record.op?.string ?? "-"
        slices[slice, default: TopSlice()].slowest = TopSlowQuery(nanoseconds: ns, query: text)
    }

    /// The first slice of the window that ends at `end`: the one nearest to `end - window`, so
    /// the window is within half a slice of its length (exact when `end` is on a slice boundary).
    func firstSlice(ofWindowEndingAt end: Timestamp) -> Int64 {
        let c = configuration
        return floorDiv(end.microseconds - c.windowMicroseconds + c.sliceMicroseconds / 2, c.sliceMicroseconds)
    }

    /// The rows of the window that ends at `end` (the slices from ``firstSlice(ofWindowEndingAt:)``
    /// to the one holding `end`), with the previous window's p95 for the trend; drops older slices.
    package func snapshot(at end: Timestamp) -> TopSnapshot {
        discard(before: end)
        let c = configuration
        // `end` itself is outside the window: a window ending on a slice boundary is exactly
        // [end - window, end), as `analyze --since … --until end` reads it.
        let endSlice = floorDiv(end.microseconds - 1, c.sliceMicroseconds)
        let firstCurrent = firstSlice(ofWindowEndingAt: end)
        let start = firstCurrent * c.sliceMicroseconds
        let seconds = max(0.001, Double(end.microseconds - start) / 1_000_000)
        var current = [[TopCell]](repeating: [], count: rowNames.count)
        var previous = [[TopCell]](repeating: [], count: rowNames.count)
        var ruleCells: [Int64: [TopCell]] = [:]
        var slowest: TopSlowQuery?
        for (n, slice) in slices where n <= endSlice {
            let isCurrent = n >= firstCurrent
            for (row, cell) in slice.cells {
                if isCurrent { current[row].append(cell) } else { previous[row].append(cell) }
            }
            guard isCurrent else { continue }
            for (k, cell) in slice.ruleCells { ruleCells[k, default: []].append(cell) }
            if let s = slice.slowest, s.nanoseconds > (slowest?.nanoseconds ?? -1) { slowest = s }
        }
        var rows: [TopRow] = []
        var events: Int64 = 0
        for row in current.indices where !current[row].isEmpty {
            let stats = TopStats.merge(current[row], scratch: &scratch)
            events += stats.errors.count
            let before = previous[row].isEmpty ? nil : TopStats.merge(previous[row], scratch: &scratch).quantiles?[2]
            var firing: [String] = []
            for (i, rule) in c.rules.enumerated() {
                let s: TopStats
                if rowRules[row].contains(i) {
                    s = stats
                } else if let cells = ruleCells[Int64(i) << 32 | Int64(row)] {
                    s = TopStats.merge(cells, scratch: &scratch)
                } else {
                    continue
                }
                guard s.errors.count >= rule.minCount, let v = s.value(of: rule.stat, minutes: seconds / 60) else {
                    continue
                }
                if rule.comparison.holds(v, rule.threshold) { firing.append(rule.name) }
            }
            rows.append(
                TopRow(
                    name: rowNames[row], stats: stats, perSecond: Double(stats.errors.count) / seconds,
                    previousP95Nanoseconds: before, firing: firing))
        }
        return TopSnapshot(
            end: end, windowStart: Timestamp(microseconds: start), windowMicroseconds: c.windowMicroseconds, rows: rows,
            events: events,
            perSecond: Double(events) / seconds, malformed: malformed, lines: lines, slowest: slowest, newest: newest)
    }
}

/// `a / b` rounded toward negative infinity (`b > 0`).
@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}

/// The events of one time slice: a cell per row, a cell per (rule, row) for rules matched record
/// by record, and the slowest query.
struct TopSlice {
    var cells: [Int: TopCell] = [:]
    var ruleCells: [Int64: TopCell] = [:]
    var slowest: TopSlowQuery?

    @inline(__always)
    mutating func record(row: Int, nanoseconds: Int64?, isError: Bool, status: Int?) {
        cells[row, default: TopCell()].record(nanoseconds: nanoseconds, isError: isError, status: status)
    }

    @inline(__always)
    mutating func record(ruleCell: Int64, nanoseconds: Int64?, isError: Bool, status: Int?) {
        ruleCells[ruleCell, default: TopCell()].record(nanoseconds: nanoseconds, isError: isError, status: status)
    }
}
