import Foundation
import Testing

@testable import PerfLogAnalysis

/// `ReportDocument` is the one model of `perflog.report/1`: what `--format json` writes is read
/// back by the same type, which writes it again byte for byte.
@Suite struct RenderDocumentTests {
    @Test func savedJSONReportsReadBackAndWriteTheSameBytes() throws {
        for every in [nil, Int64(300_000_000)] as [Int64?] {
            let r = RenderTests.sample(every: every)
            for kind in [ReportKind.analyze, .slow, .errors] {
                let json = ReportJSONRenderer.render(r, kind: kind)
                let read = try ReportDocument(json: Data(json.utf8))
                #expect(read.jsonLine == json, "\(kind) every \(String(describing: every))")
                #expect(read.windowed == (every != nil && kind != .slow))  // a slow report has no group rows
                #expect((read.latency != nil) == (kind == .analyze))
                #expect((read.slowQueries != nil) == (kind != .errors))
                #expect((read.errors != nil) == (kind != .slow))
            }
        }
    }

    @Test func readsGroupFieldsWithTheirJSONTypesAndNumbersAsWritten() throws {
        let doc = try ReportDocument(json: Data(ReportJSONRenderer.render(RenderTests.sample(), kind: .analyze).utf8))
        #expect(doc.groupFields == ["op", "status"])
        #expect(doc.latency?[0].group == [.string("api.GET /a"), .number("200")])
        #expect(doc.latency?[2].group == [.string("db.q"), .missing])
        #expect(doc.latency?[0].p90Ms == 11.975)
        #expect(doc.input.malformed == 1)
        #expect(doc.slowQueries?.groups.first?.ops == ["db.q"])
        #expect(doc.errors?.topErrors == [ReportDocument.TopError(error: "Timeout", count: 1)])
    }

    @Test func readsGroupFieldsInNameOrder() throws {
        let json =
            #"{"schema":"perflog.report/1","input":{"files":1,"bytes":1,"lines":1,"events":1,"malformed":0,"from":null,"to":null},"latency":[{"status":200,"op":"a","ok":true,"count":1,"errors":0,"error_rate":0.000000,"mean_ms":1.000,"min_ms":1.000,"p50_ms":1.000,"p90_ms":1.000,"p95_ms":1.000,"p99_ms":1.000,"p999_ms":1.000,"max_ms":1.000}]}"#
        let doc = try ReportDocument(json: Data(json.utf8))
        #expect(doc.groupFields == ["ok", "op", "status"])
        #expect(doc.latency?[0].group == [.literal("true"), .string("a"), .number("200")])
    }

    @Test func refusesWhatIsNotAReportNamingWhy() {
        func message(_ text: String) -> String? {
            do {
                _ = try ReportDocument(json: Data(text.utf8))
                return nil
            } catch { return error.message }
        }
        #expect(message(#"{"schema":"other/1"}"#) == "not a perflog.report/1 report (schema: other/1)")
        #expect(message(#"{"input":{}}"#) == "not a perflog.report/1 report (schema: missing)")
        #expect(message("{")?.hasPrefix("not valid JSON: ") == true)
        #expect(
            message(#"{"schema":"perflog.report/1","input":{"files":1}}"#)
                == "not a perflog.report/1 report: .input has no bytes")
        let mixed =
            #"{"schema":"perflog.report/1","input":{"files":1,"bytes":1,"lines":1,"events":1,"malformed":0},"latency":[{"op":"a","count":1,"errors":0,"error_rate":0},{"user":"b","count":1,"errors":0,"error_rate":0}]}"#
        #expect(message(mixed) == #"latency entry 2 has group fields ["user"] but the first has ["op"]"#)
    }
}
