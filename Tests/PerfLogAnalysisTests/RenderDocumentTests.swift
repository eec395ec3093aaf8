import Foundation
import Testing
@testable import PerfLogAnalysis

@Suite struct RenderDocumentTests {
    @Test func savedJSONReportsDecodeBackToTheSameDocument() throws {
        for every in [nil, Int64(300_000_000)] as [Int64?] {
            let r = RenderTests.sample(every: every)
            for kind in [ReportKind.analyze, .slow, .errors] {
                let json = ReportJSONRenderer.render(r, kind: kind)
                let decoded = try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
                #expect(decoded == ReportDocument(r, kind: kind))
            }
        }
    }

    @Test func groupFieldsKeepTheirJSONTypes() throws {
        let doc = ReportDocument(RenderTests.sample(), kind: .analyze)
        #expect(doc.latency?[0].group == ["op": .string("api.GET /a"), "status": .number(200)])
        #expect(doc.latency?[2].group == ["op": .string("db.q"), "status": .null])
        #expect(doc.latency?[0].p90Ms == 11.975)
    }
}
