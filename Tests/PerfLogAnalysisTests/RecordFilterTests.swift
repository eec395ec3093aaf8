@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

@Suite struct RecordFilterTests {
    static let lines = [
        #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"a","msg":"","event":"perf","op":"api.GET /x","duration_ms":10,"status":200}"#,
        #"{"ts":"2026-11-28T10:30:00.000000Z","level":"warning","logger":"a","msg":"","event":"slow_query","op":"db.get_user","duration_ms":150,"query":"SELECT 1"}"#,
        #"{"ts":"2026-11-28T11:00:00.000000Z","level":"error","logger":"a","msg":"","event":"perf","op":"db.list","duration_ms":300,"outcome":"error"}"#,
        #"{"ts":"2026-11-28T11:30:00.000000Z","level":"info","logger":"a","msg":"hello"}"#,
        #"{"level":"critical","logger":"a","msg":"no time","event":"perf","op":"llm.respond","duration_ms":2500}"#,
    ]

    /// Indices of the lines the filter keeps.
    func kept(_ filter: RecordFilter) -> [Int] {
        var scanner = LineScanner()
        var record = ScannedRecord()
        var out: [Int] = []
        for (i, line) in Self.lines.enumerated() {
            let bytes = Array(line.utf8)
            let hit = bytes.withUnsafeBytes { b -> Bool in
                #expect(scanner.scan(b, into: &record) == .record)
                return filter.matches(record)
            }
            if hit { out.append(i) }
        }
        return out
    }

    func ts(_ s: String) -> Timestamp { Timestamp(parsing: s)! }

    @Test func passThroughKeepsEverything() {
        let f = RecordFilter()
        #expect(f.isPassThrough)
        #expect(f.timeWindow == nil)
        #expect(kept(f) == [0, 1, 2, 3, 4])
    }

    @Test func timeWindowIsHalfOpenAndExcludesRecordsWithoutTs() {
        let f = RecordFilter(since: ts("2026-11-28T10:30:00Z"), until: ts("2026-11-28T11:30:00Z"))
        #expect(kept(f) == [1, 2])
        #expect(!f.isPassThrough)
        #expect(kept(RecordFilter(since: ts("2026-11-28T10:00:00Z"))) == [0, 1, 2, 3])
        #expect(kept(RecordFilter(until: ts("2026-11-28T10:00:00.000001Z"))) == [0])
    }

    @Test func timeWindowForMemberSkipping() {
        let f = RecordFilter(since: ts("2026-11-28T10:00:00Z"), until: ts("2026-11-28T11:00:00Z"))
        #expect(f.timeWindow == ts("2026-11-28T10:00:00Z")...ts("2026-11-28T10:59:59.999999Z"))
        #expect(RecordFilter(since: ts("2026-11-28T10:00:00Z")).timeWindow?.upperBound.microseconds == .max)
        #expect(RecordFilter(until: ts("2026-11-28T10:00:00Z")).timeWindow?.lowerBound.microseconds == .min)
        let empty = RecordFilter(since: ts("2026-11-28T11:00:00Z"), until: ts("2026-11-28T10:00:00Z"))
        #expect(empty.isEmptyWindow)
        #expect(kept(empty) == [])
    }

    @Test func minLevelKeepsThatLevelAndAbove() {
        #expect(kept(RecordFilter(minLevel: .warning)) == [1, 2, 4])
        #expect(kept(RecordFilter(minLevel: .error)) == [2, 4])
        #expect(kept(RecordFilter(minLevel: .trace)) == [0, 1, 2, 3, 4])
    }

    @Test func eventsSelectByNameAndNoneSelectsPlainLines() {
        #expect(kept(RecordFilter(events: ["perf"])) == [0, 2, 4])
        #expect(kept(RecordFilter(events: ["slow_query"])) == [1])
        #expect(kept(RecordFilter(events: ["slow_query", "none"])) == [1, 3])
    }

    @Test func opGlobsSelectByOpAndExcludeRecordsWithoutOp() {
        #expect(kept(RecordFilter(opGlobs: ["db.*"])) == [1, 2])
        #expect(kept(RecordFilter(opGlobs: ["db.list", "llm.*"])) == [2, 4])
        #expect(kept(RecordFilter(opGlobs: ["*"])) == [0, 1, 2, 4])
    }

    @Test func whereExpressionMustHold() throws {
        let w = try WhereExpression(parsing: "duration > 100ms")
        #expect(kept(RecordFilter(where: w)) == [1, 2, 4])
    }

    @Test func allConditionsCombine() throws {
        let f = RecordFilter(
            since: ts("2026-11-28T10:00:00Z"), until: ts("2026-11-28T12:00:00Z"), minLevel: .warning,
            events: ["perf", "slow_query"], opGlobs: ["db.*"], where: try WhereExpression(parsing: "duration >= 300"))
        #expect(kept(f) == [2])
    }

    @Test func filterPropertiesCanBeChangedAfterInit() {
        var f = RecordFilter()
        f.opGlobs = ["api.*"]
        f.events = ["perf"]
        #expect(kept(f) == [0])
    }
}
