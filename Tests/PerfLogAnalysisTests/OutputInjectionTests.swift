import Foundation
import Testing

@testable import PerfLogAnalysis

/// Values from the logs cannot become spreadsheet formulas in CSV, nor terminal controls or broken
/// lines in the Prometheus exposition.
@Suite struct OutputInjectionTests {
    typealias D = WorkflowData

    @Test func csvTextCellsThatASpreadsheetWouldRunGetAQuoteAndQuotes() {
        #expect(CSVRenderer.textField("=HYPERLINK(\"http://x\",\"y\")") == #""'=HYPERLINK(""http://x"",""y"")""#)
        #expect(CSVRenderer.textField("+1+2") == #""'+1+2""#)
        #expect(CSVRenderer.textField("-2+3") == #""'-2+3""#)
        #expect(CSVRenderer.textField("@SUM(A1)") == #""'@SUM(A1)""#)
        #expect(CSVRenderer.textField("\t=1") == "\"'\\x09=1\"")
        #expect(CSVRenderer.textField("\r=1") == "\"'\r=1\"")
        #expect(CSVRenderer.textField("db.q") == "db.q")
        #expect(CSVRenderer.textField("a=b") == "a=b")
        #expect(CSVRenderer.textField("") == "")
    }

    @Test func csvNeutralisesFormulaGroupsAndFingerprintsButKeepsNumbers() throws {
        let lines = [
            D.perf(1, "=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")", 10),
            D.perf(2, "@cmd", 20, status: -2),
            #"{"ts":"2026-11-28T10:00:03Z","level":"warning","logger":"db","msg":"","event":"slow_query","op":"-op","duration_ms":150,"query":"=1+1","threshold_ms":100}"#,
        ]
        let r = try D.analyze(lines, spec: AnalysisSpec(groupBy: [FieldPath("op"), FieldPath("status")]))
        #expect(
            CSVRenderer.render(r, kind: .errors) == "op,status,count,errors,error_rate,status_4xx,status_5xx\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",,1,0,0.000000,0,0\r\n"
                + "\"'@cmd\",-2,1,0,0.000000,0,0\r\n")
        let slow = CSVRenderer.render(r, kind: .slow)
        #expect(
            slow.split(separator: "\r\n").last
                == "\"'= ? + ?\",1,150.000,150.000,150.000,150.000,2026-11-28T10:00:03.000000Z,2026-11-28T10:00:03.000000Z,\"'-op\""
        )
    }

    @Test func prometheusLabelValuesShowControlCharactersAsText() {
        #expect(PrometheusRenderer.escapeLabelValue("a\u{1B}[2Jb") == #"a\\x1B[2Jb"#)
        #expect(
            PrometheusRenderer.escapeLabelValue("bel\u{07}nul\u{00}cr\rdel\u{7F}")
                == #"bel\\x07nul\\x00cr\\x0Ddel\\x7F"#)
        #expect(PrometheusRenderer.escapeLabelValue("csi\u{9B}31m") == #"csi\\x9B31m"#)
        #expect(PrometheusRenderer.escapeLabelValue("abc\u{202E}gnp.exe") == #"abc\\u{202E}gnp.exe"#)
        #expect(PrometheusRenderer.escapeLabelValue("a\\b\"c\nd") == #"a\\b\"c\nd"#)
    }

    @Test func prometheusExpositionWithHostileLabelsIsInertAndParses() throws {
        let op = #"x\u001b]0;owned\u0007\u0000\r\u009b2J"#
        let r = try D.analyze([D.perf(1, op, 12.5)])
        let text = PrometheusRenderer.render(r)
        #expect(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
        #expect(text.contains(#"perflog_duration_seconds_count{op="x\\x1B]0;owned\\x07\\x00\\x0D\\x9B2J"} 1"#))
        let (parsed, skipped) = try PrometheusRendererTests.parseWithPython(text)
        guard let parsed else {
            print("skipped: \(skipped ?? "")")  // the parser is not installed here; .ci/run installs it
            return
        }
        #expect(
            parsed.contains(
                #"perflog_duration_seconds|summary|perflog_duration_seconds_count|op='x\\x1B]0;owned\\x07\\x00\\x0D\\x9B2J'|1.0"#
            ))
    }
}
