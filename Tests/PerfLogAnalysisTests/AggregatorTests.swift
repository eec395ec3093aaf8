import PerfLog
import Testing

@testable import PerfLogAnalysis

@Suite struct AggregatorTests {
    @Test func countErrorsMeanMinAndMaxAreExact() {
        let data = GeneratedData.make(20_000)
        let agg = Aggregator(spec: AnalysisSpec())
        GeneratedData.feed(data, into: agg)
        let r = agg.result()
        let perf = data.filter { $0.event == .perf }
        #expect(r.rows.count == GeneratedData.ops.count)
        for row in r.rows {
            guard case .string(let op) = row.group[0] else {
                Issue.record("group is not a string")
                continue
            }
            let mine = perf.filter { $0.op == op }
            let ns = mine.map { LatencyStats.nanoseconds(milliseconds: $0.durationMs) }
            #expect(row.latency.count == Int64(mine.count))
            #expect(row.errors.count == Int64(mine.count))
            #expect(row.errors.errors == Int64(mine.filter(\.isError).count))
            #expect(row.latency.sumNanoseconds == ns.reduce(0, +))
            #expect(row.latency.minNanoseconds == ns.min()!)
            #expect(row.latency.maxNanoseconds == ns.max()!)
        }
        #expect(r.errorsTotal.count == Int64(perf.count))
        #expect(r.input.events == Int64(data.count))
    }

    @Test func quantilesAreWithinATenthOfAPercentOfAnExactSort() {
        let data = GeneratedData.make(50_000, seed: 7)
        let agg = Aggregator(spec: AnalysisSpec())
        GeneratedData.feed(data, into: agg)
        for row in agg.result().rows {
            guard case .string(let op) = row.group[0] else { continue }
            let sorted = data.filter { $0.event == .perf && $0.op == op }.map(\.durationMs).sorted()
            #expect(row.latency.histogram != nil)
            for q in LatencySummary.quantiles {
                let exact = exactQuantile(sorted, q)
                let got = row.latency.quantileNanoseconds(q) / 1_000_000
                #expect(abs(got - exact) <= 0.001 * exact, "\(op) q\(q): \(got) vs \(exact)")
            }
        }
    }

    @Test func smallGroupsHaveExactQuantilesWithTheSameDefinition() {
        var s = LatencyStats()
        let values: [Int64] = [5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000, 10_000_000]
        for v in values { s.record(nanoseconds: v) }
        #expect(s.histogram == nil)
        #expect(s.quantileNanoseconds(0.5) == 3_500_000)
        #expect(s.quantileNanoseconds(0.9) == 7_500_000)
        #expect(s.quantileNanoseconds(0) == 1_000_000)
        #expect(s.quantileNanoseconds(1) == 10_000_000)
        #expect(s.meanNanoseconds == 25_000_000.0 / 6)
    }

    @Test func promotionToAHistogramHappensAfterTheInlineCapacity() {
        var s = LatencyStats()
        for i in 1...LatencyStats.inlineCapacity { s.record(nanoseconds: Int64(i) * 1_000_000) }
        #expect(s.histogram == nil)
        s.record(nanoseconds: 1_000_000)
        #expect(s.histogram != nil)
        #expect(s.exactNanoseconds.isEmpty)
        #expect(s.count == Int64(LatencyStats.inlineCapacity + 1))
    }

    @Test func resultsAreIdenticalForAnySplitAndMergeOrder() {
        let data = GeneratedData.make(8_000, seed: 99)
        for (by, every) in [(["op"], nil), (["op", "status"], Int64(3_600_000_000)), (["meta.user_id"], nil)]
            as [([String], Int64?)]
        {
            let spec = AnalysisSpec(groupBy: by.map(FieldPath.init), everyMicroseconds: every)
            let whole = Aggregator(spec: spec)
            GeneratedData.feed(data, into: whole, by: by)
            let expected = ReportJSONRenderer.render(whole.result(), kind: .analyze)
            for parts in [2, 3, 7] {
                var g = SplitMix64(seed: UInt64(parts))
                let aggs = (0..<parts).map { _ in Aggregator(spec: spec) }
                for r in data { GeneratedData.feed([r], into: aggs[Int(g.next() % UInt64(parts))], by: by) }
                let forward = Aggregator(spec: spec)
                for a in aggs { forward.merge(a) }
                let backward = Aggregator(spec: spec)
                for a in aggs.reversed() { backward.merge(a) }
                #expect(ReportJSONRenderer.render(forward.result(), kind: .analyze) == expected)
                #expect(ReportJSONRenderer.render(backward.result(), kind: .analyze) == expected)
            }
        }
    }

    @Test func windowsAreAlignedToEpochMultiples() {
        let spec = AnalysisSpec(everyMicroseconds: 300_000_000)
        let agg = Aggregator(spec: spec)
        for (t, d) in [
            ("2026-11-28T10:04:59.999999Z", 1.0), ("2026-11-28T10:05:00Z", 2.0), ("2026-11-28T10:09:30Z", 3.0),
            ("2026-11-28T10:00:00Z", 4.0),
        ] {
            agg.record(
                group: [.string("a")], timestamp: Timestamp(parsing: t), event: .perf, durationMs: d,
                isError: false, status: nil, errorType: nil, op: "a", query: nil)
        }
        let rows = agg.result().rows
        #expect(
            rows.map { $0.windowStart!.description } == ["2026-11-28T10:00:00.000000Z", "2026-11-28T10:05:00.000000Z"])
        #expect(rows.map(\.latency.count) == [2, 2])
    }

    @Test func groupsWithManyKeysStayExactAndSmall() {
        let agg = Aggregator(spec: AnalysisSpec(groupBy: [FieldPath("meta.user_id")]))
        for i in 0..<20_000 {
            agg.record(
                group: [.string("u\(i)")], timestamp: nil, event: .perf, durationMs: Double(i % 97), isError: false,
                status: nil, errorType: nil, op: "x", query: nil)
        }
        let r = agg.result()
        #expect(r.rows.count == 20_000)
        #expect(r.rows.allSatisfy { $0.latency.histogram == nil })
    }

    @Test func slowQueriesGroupByFingerprintAtOrOverTheThreshold() {
        let agg = Aggregator(spec: AnalysisSpec(slowThresholdMilliseconds: 100))
        func add(_ event: EventClass, _ q: String?, _ d: Double, _ t: String, op: String = "db.q") {
            agg.record(
                group: [.string(op)], timestamp: Timestamp(parsing: t), event: event, durationMs: d,
                isError: false, status: nil, errorType: nil, op: op, query: q)
        }
        add(.slowQuery, "SELECT * FROM users WHERE id = 42", 150, "2026-11-28T10:00:00Z")
        add(.slowQuery, "SELECT *  FROM users WHERE id = 7", 100, "2026-11-28T09:00:00Z", op: "db.other")
        add(.perf, "SELECT * FROM users WHERE id = 1", 250, "2026-11-28T11:00:00Z")
        add(.slowQuery, "SELECT * FROM users WHERE id = 3", 99.999, "2026-11-28T12:00:00Z")
        add(.slowQuery, "DELETE FROM s WHERE t IN (1, 2, 3) AND e = 'a@b.c'", 120, "2026-11-28T10:00:00Z")
        let r = agg.result()
        #expect(r.slowCount == 4)
        #expect(
            r.slowGroups.map(\.fingerprint) == [
                "SELECT * FROM users WHERE id = ?", "DELETE FROM s WHERE t IN (?) AND e = ?",
            ])
        let g = r.slowGroups[0]
        #expect(g.stats.count == 3)
        #expect(g.stats.sumNanoseconds == 500_000_000)
        #expect(g.ops == ["db.q", "db.other"])
        #expect(g.first?.description == "2026-11-28T09:00:00.000000Z")
        #expect(g.last?.description == "2026-11-28T11:00:00.000000Z")
        // slow_query records never enter latency.
        #expect(r.rows.map(\.latency.count) == [1])
    }

    @Test func errorsCountStatusClassesAndTopErrorTypes() {
        let agg = Aggregator(spec: AnalysisSpec())
        for (status, err, type) in [
            (200, false, nil), (404, false, nil), (500, true, "Timeout"), (503, true, "Timeout"),
            (nil, true, "DBError"), (nil, true, nil), (499, true, "Client"),
        ] as [(Int?, Bool, String?)] {
            agg.record(
                group: [.string("a")], timestamp: nil, event: .perf, durationMs: 1, isError: err, status: status,
                errorType: type, op: "a", query: nil)
        }
        let r = agg.result()
        #expect(
            r.errorsTotal
                == {
                    var e = ErrorCounts()
                    e.count = 7
                    e.errors = 5
                    e.status4xx = 2
                    e.status5xx = 2
                    return e
                }())
        #expect(
            r.topErrors == [
                ErrorTypeCount(error: "Timeout", count: 2), ErrorTypeCount(error: "Client", count: 1),
                ErrorTypeCount(error: "DBError", count: 1), ErrorTypeCount(error: nil, count: 1),
            ])
    }

    @Test func theEarliestMalformedLinesAreKeptAfterMerging() {
        let spec = AnalysisSpec(malformedExamples: 2)
        let a = Aggregator(spec: spec)
        let b = Aggregator(spec: spec)
        a.countMalformed(sourceIndex: 1, line: 5, byteOffset: 50, reason: "not JSON")
        a.countMalformed(sourceIndex: 0, line: 9, byteOffset: 90, reason: "torn")
        b.countMalformed(sourceIndex: 0, line: 2, byteOffset: 20, reason: "oversized")
        b.countMalformed(sourceIndex: 2, line: 1, byteOffset: 0, reason: "x")
        a.merge(b)
        #expect(a.input.malformed == 4)
        #expect(a.input.malformedExamples.map(\.line) == [2, 9])
    }
}
