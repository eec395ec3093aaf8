import PerfLog
import Testing

@testable import PerfLogAnalysis

@Suite struct RenderTests {
    /// A small result with every section filled.
    static func sample(every: Int64? = nil) -> AnalysisResult {
        let agg = Aggregator(
            spec: AnalysisSpec(groupBy: [FieldPath("op"), FieldPath("status")], everyMicroseconds: every))
        let rows: [(String, Int?, String, Double, Bool, String?, String?)] = [
            ("api.GET /a", 200, "2026-11-28T10:00:01Z", 12.5, false, nil, nil),
            ("api.GET /a", 200, "2026-11-28T10:00:02Z", 7.25, false, nil, nil),
            ("api.GET /a", 503, "2026-11-28T10:06:00Z", 1500, true, "Timeout", nil),
            ("db.q", nil, "2026-11-28T10:01:00Z", 150, false, nil, "SELECT 1 FROM t WHERE a = 'secret@x.org'"),
        ]
        for (op, status, ts, d, err, type, q) in rows {
            agg.record(
                group: [.string(op), status.map { .number(String($0)) } ?? .missing], timestamp: Timestamp(parsing: ts),
                event: .perf, durationMs: d, isError: err, status: status, errorType: type, op: op, query: q)
        }
        agg.countLine()
        agg.countLine()
        agg.countLine()
        agg.countLine()
        agg.countLine()
        agg.countMalformed(sourceIndex: 0, line: 5, byteOffset: 99, reason: "not JSON")
        var r = agg.result()
        r.input.files = 1
        r.input.bytes = 1234
        return r
    }

    @Test func jsonFollowsTheSchemaKeyOrderExactly() {
        let json = ReportJSONRenderer.render(Self.sample(), kind: .analyze)
        let expected = #"""
            {"schema":"perflog.report/1","input":{"files":1,"bytes":1234,"lines":5,"events":4,"malformed":1,"from":"2026-11-28T10:00:01.000000Z","to":"2026-11-28T10:06:00.000000Z"},\#
            "latency":[{"op":"api.GET /a","status":200,"count":2,"errors":0,"error_rate":0.000000,"mean_ms":9.875,"min_ms":7.250,"p50_ms":9.875,"p90_ms":11.975,"p95_ms":12.238,"p99_ms":12.448,"p999_ms":12.495,"max_ms":12.500},\#
            {"op":"api.GET /a","status":503,"count":1,"errors":1,"error_rate":1.000000,"mean_ms":1500.000,"min_ms":1500.000,"p50_ms":1500.000,"p90_ms":1500.000,"p95_ms":1500.000,"p99_ms":1500.000,"p999_ms":1500.000,"max_ms":1500.000},\#
            {"op":"db.q","status":null,"count":1,"errors":0,"error_rate":0.000000,"mean_ms":150.000,"min_ms":150.000,"p50_ms":150.000,"p90_ms":150.000,"p95_ms":150.000,"p99_ms":150.000,"p999_ms":150.000,"max_ms":150.000}],\#
            "slow_queries":{"threshold_ms":100.000,"count":1,"groups":[{"fingerprint":"SELECT ? FROM t WHERE a = ?","count":1,"total_ms":150.000,"mean_ms":150.000,"p95_ms":150.000,"max_ms":150.000,"first":"2026-11-28T10:01:00.000000Z","last":"2026-11-28T10:01:00.000000Z","ops":["db.q"],"example":"SELECT ? FROM t WHERE a = ?"}]},\#
            "errors":{"total":{"count":4,"errors":1,"error_rate":0.250000,"status_4xx":0,"status_5xx":1},"groups":[{"op":"api.GET /a","status":200,"count":2,"errors":0,"error_rate":0.000000,"status_4xx":0,"status_5xx":0},\#
            {"op":"api.GET /a","status":503,"count":1,"errors":1,"error_rate":1.000000,"status_4xx":0,"status_5xx":1},{"op":"db.q","status":null,"count":1,"errors":0,"error_rate":0.000000,"status_4xx":0,"status_5xx":0}],\#
            "top_errors":[{"error":"Timeout","count":1}]}}

            """#
        #expect(json == expected)
        #expect(!json.contains("secret"))
    }

    @Test func jsonAddsWindowStartAfterTheGroupFields() {
        let json = ReportJSONRenderer.render(Self.sample(every: 300_000_000), kind: .analyze)
        #expect(
            json.contains(#"{"op":"api.GET /a","status":200,"window_start":"2026-11-28T10:00:00.000000Z","count":2,"#))
    }

    @Test func slowAndErrorsRenderOnlyTheirSections() {
        let slow = ReportJSONRenderer.render(Self.sample(), kind: .slow)
        #expect(slow.hasPrefix(#"{"schema":"perflog.report/1","input":"#))
        #expect(slow.contains(#""slow_queries":"#) && !slow.contains(#""latency":"#) && !slow.contains(#""errors":"#))
        let errors = ReportJSONRenderer.render(Self.sample(), kind: .errors)
        #expect(
            errors.contains(#""errors":"#) && !errors.contains(#""latency":"#) && !errors.contains(#""slow_queries":"#))
    }

    @Test func jsonStringsEscapeControlCharactersAndLineSeparators() {
        #expect(JSONWriter.quoted("a\"b\\c\n\u{1B}\u{2028}") == #""a\"b\\c\n\u001b\u2028""#)
    }

    @Test func fixedDecimalsRoundHalfAwayFromZero() {
        #expect(JSONWriter.fixed(12.3456, decimals: 3) == "12.346")
        #expect(JSONWriter.fixed(0.0005, decimals: 3) == "0.001")
        #expect(JSONWriter.fixed(-1.5, decimals: 0) == "-2")
        #expect(JSONWriter.fixed(7, decimals: 3) == "7.000")
        #expect(JSONWriter.fixed(.nan, decimals: 3) == "null")
    }

    @Test func unitsAreReadableAtAGlance() {
        #expect(UnitFormat.duration(nanoseconds: 412_000) == "0.412 ms")
        #expect(UnitFormat.duration(nanoseconds: 5_250_000) == "5.25 ms")
        #expect(UnitFormat.duration(nanoseconds: 12_340_000) == "12.3 ms")
        #expect(UnitFormat.duration(nanoseconds: 1_250_000_000) == "1.25 s")
        #expect(UnitFormat.duration(nanoseconds: 125_000_000_000) == "125 s")
        #expect(UnitFormat.percent(0.015) == "1.50%")
        #expect(UnitFormat.count(1_234_567) == "1,234,567")
        #expect(UnitFormat.bytes(1536) == "1.5 KiB")
    }

    @Test func terminalOutputNeutralisesEscapeSequences() {
        #expect(TerminalText.neutralize("op\u{1B}[31mred\u{07}\r\n") == "op\\x1B[31mred\\x07\\x0D\\x0A")
        #expect(TerminalText.neutralize("abc\u{202E}x\u{9B}") == "abc\\u{202E}x\\x9B")
        #expect(TerminalText.neutralize("plain é ✓") == "plain é ✓")
    }

    @Test func tablesShowUnitsAndNeverRawControlCharacters() {
        let agg = Aggregator(spec: AnalysisSpec())
        agg.record(
            group: [.string("evil\u{1B}]0;pwned\u{07}")], timestamp: nil, event: .perf, durationMs: 12.3,
            isError: true, status: 500, errorType: "Boom\u{1B}[2J", op: "x", query: nil)
        let table = TableRenderer.render(agg.result(), kind: .analyze)
        #expect(!table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(table.contains("evil\\x1B]0;pwned\\x07"))
        #expect(table.contains("12.3 ms"))
        #expect(table.contains("100.00%"))
        #expect(table.contains("Boom\\x1B[2J"))
    }

    @Test func tableColumnsAreAligned() {
        let table = TableRenderer.render(Self.sample(), kind: .analyze)
        let lines = table.split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("  op") }!
        let widths = Set(lines[header...(header + 3)].map(\.count))
        #expect(widths.count == 1)
    }

    @Test func csvQuotesFieldsAsRFC4180Says() {
        #expect(CSVRenderer.field("plain") == "plain")
        #expect(CSVRenderer.field("a,b") == "\"a,b\"")
        #expect(CSVRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.field("two\nlines") == "\"two\nlines\"")
        let csv = CSVRenderer.render(Self.sample(), kind: .errors)
        #expect(
            csv == "op,status,count,errors,error_rate,status_4xx,status_5xx\r\n"
                + "api.GET /a,200,2,0,0.000000,0,0\r\napi.GET /a,503,1,1,1.000000,0,1\r\ndb.q,,1,0,0.000000,0,0\r\n")
    }
}
