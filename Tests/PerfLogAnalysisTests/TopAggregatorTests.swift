import Foundation
import PerfLog
import Testing

@testable import PerfLogAnalysis

/// `perflog top`'s aggregation: exact counts per row and window, the window sliding by whole
/// slices, the trend against the previous window, rules, the row limit and the slowest query.
@Suite struct TopAggregatorTests {
    static func ts(_ seconds: Double) -> String {
        // 2026-11-28T10:00:00Z plus `seconds` (0 ≤ seconds < 3600).
        let us = Int64((seconds * 1_000_000).rounded())
        let m = us / 60_000_000
        let s = (us / 1_000_000) % 60
        let f = us % 1_000_000
        return String(format: "2026-11-28T10:%02lld:%02lld.%06lldZ", m, s, f)
    }

    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(parsing: ts(seconds))!
    }

    static func perf(
        _ seconds: Double, _ op: String, _ ms: Double, status: Int = 200, error: Bool = false, meta: String = "{}"
    ) -> String {
        #"{"ts":"\#(ts(seconds))","level":"info","logger":"t","msg":"m","event":"perf","op":"\#(op)","duration_ms":\#(ms),"outcome":"\#(error ? "error" : "success")","status":\#(status),"meta":\#(meta)}"#
    }

    static func feed(_ top: TopAggregator, _ lines: [String]) {
        for l in lines {
            var l = l
            l.withUTF8 { top.ingest(UnsafeRawBufferPointer($0)) }
        }
    }

    @Test func countsEveryEventOfTheWindowExactlyPerRow() {
        let top = TopAggregator(TopConfiguration(rules: []))
        var lines: [String] = []
        for i in 0..<100 {
            lines.append(
                Self.perf(
                    60 + Double(i) * 0.5, "api.GET /a", Double(i + 1), status: i < 3 ? 404 : i < 5 ? 503 : 200,
                    error: i >= 3 && i < 5))
        }
        for i in 0..<10 { lines.append(Self.perf(100 + Double(i), "db.q", 2)) }
        Self.feed(top, lines)
        let s = top.snapshot(at: Self.at(120))
        #expect(s.events == 110)
        let rows = Dictionary(uniqueKeysWithValues: s.rows.map { ($0.name, $0) })
        let a = rows["api.GET /a"]!
        #expect(
            a.stats.errors
                == {
                    var e = ErrorCounts()
                    e.count = 100
                    e.errors = 2
                    e.status4xx = 3
                    e.status5xx = 2
                    return e
                }())
        #expect(a.stats.minNanoseconds == 1_000_000 && a.stats.maxNanoseconds == 100_000_000)
        #expect(a.stats.sumNanoseconds == 5050 * 1_000_000)
        #expect(a.perSecond == 100.0 / 60)
        #expect(rows["db.q"]!.stats.errors.count == 10)
        #expect(s.windowStart == Self.at(60))
    }

    @Test func quantilesAreWithinTheBucketPrecisionOfTheExactOnes() {
        let top = TopAggregator(TopConfiguration(rules: []))
        Self.feed(top, (1...1000).map { Self.perf(30, "op", Double($0) * 0.731) })
        let q = top.snapshot(at: Self.at(59)).rows[0].stats.quantiles!
        var exact = LatencyStats()
        for i in 1...1000 { exact.record(nanoseconds: LatencyStats.nanoseconds(milliseconds: Double(i) * 0.731)) }
        for (level, value) in zip(TopStats.quantileLevels, q) {
            let truth = exact.quantileNanoseconds(level)
            #expect(abs(value - truth) / truth < 0.004, "q\(level): \(value) vs \(truth)")
        }
    }

    @Test func theWindowSlidesByWholeSlicesAndForgetsOlderEvents() {
        let top = TopAggregator(TopConfiguration(rules: []))
        Self.feed(top, (0..<120).map { Self.perf(Double($0), "op", 1) })
        // The window ending at 10:01:30 is [10:00:30, 10:01:30): the events of seconds 30 … 89.
        #expect(top.snapshot(at: Self.at(90)).events == 60)
        #expect(top.snapshot(at: Self.at(120)).events == 60)
        #expect(top.snapshot(at: Self.at(150)).events == 30)
        // A window ending mid-slice starts at the nearest slice boundary to end - 1m.
        #expect(top.snapshot(at: Self.at(90.4)).windowStart == Self.at(30))
        #expect(top.snapshot(at: Self.at(90.6)).windowStart == Self.at(31))
        // Slices two windows back are gone: an event that old arriving now is late.
        #expect(top.snapshot(at: Self.at(300)).events == 0)
        Self.feed(top, [Self.perf(100, "op", 1)])
        #expect(top.late == 1)
    }

    @Test func theTrendComparesTheP95WithThePreviousWindow() {
        let top = TopAggregator(TopConfiguration(rules: []))
        Self.feed(
            top,
            (0..<60).map { Self.perf(Double($0), "slower", 10) }
                + (60..<120).map { Self.perf(Double($0), "slower", 20) })
        Self.feed(top, (60..<120).map { Self.perf(Double($0), "fresh", 5) })
        let rows = Dictionary(uniqueKeysWithValues: top.snapshot(at: Self.at(120)).rows.map { ($0.name, $0) })
        #expect(abs(rows["slower"]!.trend! - 1.0) < 0.01)
        #expect(rows["fresh"]!.trend == nil)
        #expect(TopScreen.trend(rows["slower"]!) == "↑ 100%")
        #expect(TopScreen.trend(rows["fresh"]!) == "new")
    }

    @Test func rowsWhereARuleFiresNameTheRule() throws {
        let rules = try RulesFile.parse(
            """
            rules:
              - name: api-slow
                match: {op: "api.*"}
                stat: p95
                op: ">"
                threshold: 100ms
              - name: eu-errors
                match: {where: 'meta.region = "eu"'}
                stat: error_rate
                op: ">"
                threshold: 10%
            """)
        let top = TopAggregator(TopConfiguration(rules: rules))
        var lines = (0..<20).map { Self.perf(Double($0), "api.GET /slow", 150) }
        lines += (0..<20).map { Self.perf(Double($0), "api.GET /fast", 5, meta: #"{"region":"us"}"#) }
        lines += (0..<10).map {
            Self.perf(Double($0), "api.GET /fast", 5, status: 500, error: $0 < 5, meta: #"{"region":"eu"}"#)
        }
        Self.feed(top, lines)
        let rows = Dictionary(uniqueKeysWithValues: top.snapshot(at: Self.at(30)).rows.map { ($0.name, $0) })
        #expect(rows["api.GET /slow"]!.firing == ["api-slow"])
        // 5 errors of 10 eu events fire eu-errors, though the row's own rate is 5/30.
        #expect(rows["api.GET /fast"]!.firing == ["eu-errors"])
    }

    @Test func rowsPastTheLimitAreCountedInOneOverflowRow() {
        let top = TopAggregator(TopConfiguration(rules: [], maxRows: 3))
        Self.feed(top, (0..<10).map { Self.perf(Double($0), "op\($0)", 1) })
        let rows = top.snapshot(at: Self.at(30)).rows
        #expect(rows.map(\.name).sorted() == ["(other rows)", "op0", "op1", "op2"])
        #expect(rows.first { $0.name == "(other rows)" }!.stats.errors.count == 7)
    }

    @Test func groupsBySeveralFieldsAndFiltersRecords() throws {
        let filter = RecordFilter(where: try WhereExpression(parsing: "duration >= 2ms"))
        let top = TopAggregator(
            TopConfiguration(groupBy: [FieldPath("op"), FieldPath("status")], filter: filter, rules: []))
        Self.feed(
            top, [Self.perf(1, "a", 1), Self.perf(1, "a", 2), Self.perf(2, "a", 3, status: 404), Self.perf(3, "b", 9)])
        let rows = top.snapshot(at: Self.at(30)).rows.map { "\($0.name)=\($0.stats.errors.count)" }.sorted()
        #expect(rows == ["a 200=1", "a 404=1", "b 200=1"])
    }

    @Test func countsMalformedLinesAndKeepsTheSlowestQuery() {
        let top = TopAggregator(TopConfiguration(rules: []))
        let slow = { (s: Double, ms: Double, q: String) in
            #"{"ts":"\#(Self.ts(s))","event":"slow_query","op":"db.x","duration_ms":\#(ms),"query":"\#(q)"}"#
        }
        Self.feed(
            top,
            [
                "{oops", "", "plain", slow(10, 300, "SELECT ?"), slow(11, 900, "UPDATE t SET a = ?"),
                slow(12, 500, "DELETE"),
            ])
        let s = top.snapshot(at: Self.at(30))
        #expect(top.malformed == 2)
        #expect(top.lines == 6)
        #expect(s.slowest?.query == "UPDATE t SET a = ?" && s.slowest?.nanoseconds == 900_000_000)
        #expect(s.rows.isEmpty)
    }
}

/// `LatencyBuckets`: exact below 128 ns, 128 buckets per power of two above.
@Suite struct LatencyBucketsTests {
    @Test func everyValueFallsInTheBucketWhoseRangeHoldsIt() {
        var v: UInt64 = 0
        while v < 1 << 40 {
            let i = LatencyBuckets.index(v)
            let (low, width) = LatencyBuckets.range(ofBucket: i)
            #expect(low <= v && v < low + width, "\(v) in bucket \(i) [\(low), +\(width))")
            #expect(Double(width) / Double(max(low, 1)) <= 1.0 / 128 || v < 128)
            v = v < 300 ? v + 1 : v + v / 97
        }
        #expect(LatencyBuckets.index(.max >> 1) < LatencyBuckets.bucketCount)
    }

    @Test func quantilesOfSmallValuesAreExact() {
        var b = LatencyBuckets()
        for v in [3, 1, 2, 100, 50] { b.record(nanoseconds: Int64(v)) }
        var m = LatencyBuckets.Merged()
        m.add(b)
        #expect(m.quantiles([0, 0.5, 1, 0.25], min: 1, max: 100) == [1, 3, 100, 2])
        m.removeAll()
        #expect(m.total == 0)
        #expect(m.quantiles([0.5], min: 0, max: 0) == [0])
    }
}
