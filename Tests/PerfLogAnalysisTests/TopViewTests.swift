import PerfLog
import Testing

@testable import PerfLogAnalysis

/// `perflog top`'s keys and row order, and the plain screen layout.
@Suite struct TopViewTests {
    static func row(_ name: String, p95 ms: Double?, perSecond: Double, errors: Int64, of count: Int64) -> TopRow {
        var s = TopStats()
        s.errors.count = count
        s.errors.errors = errors
        if let ms {
            s.timed = count
            s.quantiles = [ms, ms, ms, ms, ms].map { $0 * 1_000_000 }
            s.minNanoseconds = Int64(ms * 1_000_000)
            s.maxNanoseconds = Int64(ms * 1_000_000)
            s.sumNanoseconds = ms * 1_000_000 * Double(count)
        }
        return TopRow(name: name, stats: s, perSecond: perSecond, previousP95Nanoseconds: nil, firing: [])
    }

    static let rows = [
        row("api.b", p95: 50, perSecond: 9, errors: 0, of: 10),
        row("db.a", p95: 200, perSecond: 1, errors: 1, of: 10),
        row("api.a", p95: nil, perSecond: 5, errors: 5, of: 10),
        row("db.c", p95: 10, perSecond: 20, errors: 1, of: 100),
    ]

    @Test func keysChooseTheSortColumn() {
        var v = TopView()
        #expect(v.arrange(Self.rows).map(\.name) == ["db.a", "api.b", "db.c", "api.a"])
        #expect(v.handle(key: UInt8(ascii: "r")) == .redraw)
        #expect(v.arrange(Self.rows).map(\.name) == ["db.c", "api.b", "api.a", "db.a"])
        _ = v.handle(key: UInt8(ascii: "e"))
        #expect(v.arrange(Self.rows).map(\.name) == ["api.a", "db.a", "db.c", "api.b"])
        _ = v.handle(key: UInt8(ascii: "n"))
        #expect(v.arrange(Self.rows).map(\.name) == ["api.a", "api.b", "db.a", "db.c"])
        #expect(v.handle(key: UInt8(ascii: "x")) == .none)
        #expect(v.handle(key: UInt8(ascii: "q")) == .quit)
    }

    @Test func slashTypesAGlobThatFiltersTheRows() {
        var v = TopView(sort: .name)
        for k in "/db.*".utf8 { #expect(v.handle(key: k) == .redraw) }
        #expect(v.prompt == "db.*")
        #expect(v.filter == nil)
        _ = v.handle(key: 0x0D)
        #expect(v.prompt == nil && v.filter == "db.*")
        #expect(v.arrange(Self.rows).map(\.name) == ["db.a", "db.c"])
        // Backspace edits, Esc cancels and keeps the old filter, an empty filter clears it.
        for k in "/x".utf8 { _ = v.handle(key: k) }
        _ = v.handle(key: 0x7F)
        #expect(v.prompt == "")
        _ = v.handle(key: 0x1B)
        #expect(v.filter == "db.*")
        _ = v.handle(key: UInt8(ascii: "/"))
        _ = v.handle(key: 0x0A)
        #expect(v.filter == nil)
        #expect(v.arrange(Self.rows).count == 4)
    }

    @Test func spacePausesAndResumes() {
        var v = TopView()
        _ = v.handle(key: 0x20)
        #expect(v.paused)
        _ = v.handle(key: 0x20)
        #expect(!v.paused)
    }

    @Test func aNarrowScreenCutsNamesAndLinesAndCountsTheRowsLeftOut() {
        let snapshot = TopSnapshot(
            end: Timestamp(parsing: "2026-11-28T10:01:00Z")!, windowStart: Timestamp(parsing: "2026-11-28T10:00:00Z")!,
            windowMicroseconds: 60_000_000, rows: Self.rows, events: 130, perSecond: 130.0 / 60, malformed: 0,
            lines: 130,
            slowest: nil, newest: nil)
        let lines = TopScreen.lines(
            snapshot, view: TopView(),
            layout: TopScreen.Layout(width: 90, height: 8, inputs: "app.log", interactive: true))
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.count <= 90 })
        #expect(
            lines[4] == "  op            req/s     err%     4xx     5xx        p50        p95        p99        max")
        #expect(
            lines[5] == "  db.a           1.00   10.00%       0       0   200.0 ms   200.0 ms   200.0 ms   200.0 ms")
        #expect(lines[6] == "  … 3 more rows")
        #expect(lines[7].hasPrefix("keys: p p95"))
    }
}
