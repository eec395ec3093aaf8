import PerfLog
import Testing

@testable import PerfLogAnalysis

/// Terminal injection (issue 7): escape sequences and control characters in field values (op,
/// error type, group values, slow queries) are neutralised by every table output, so that a log
/// line can never drive the terminal.
@Suite struct HostileTerminalTests {
    /// Payloads an attacker could put in a field: colour and cursor control, clear screen, an OSC
    /// title/hyperlink, a C1 CSI, a bell, carriage return overprinting, bidi overrides.
    static let payloads = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}[2J\u{1B}[H", "\u{1B}]0;owned\u{07}",
        "\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\u{9B}31m", "bell\u{07}", "over\rwrite", "new\nline", "bidi\u{202E}txt.exe", "del\u{7F}", "nul\u{0}",
    ]

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x0A) || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069)
    }

    static func result(by: [String]) -> AnalysisResult {
        let agg = Aggregator(spec: AnalysisSpec(groupBy: by.map(FieldPath.init), slowThresholdMilliseconds: 1))
        for (i, p) in payloads.enumerated() {
            let ts = Timestamp(microseconds: 1_795_860_000_000_000 + Int64(i) * 1_000_000)
            let group: [GroupValue] = by.map { $0 == "op" ? .string("api.\(p)") : .string("user\(p)") }
            agg.record(
                group: group, timestamp: ts, event: .perf, durationMs: Double(i + 1), isError: true, status: 500,
                errorType: "Error\(p)", op: "api.\(p)", query: nil)
            agg.record(
                group: group, timestamp: ts, event: .slowQuery, durationMs: 250, isError: false, status: nil,
                errorType: nil, op: "db.\(p)", query: "SELECT \(p) FROM `t\(p)` WHERE x = 1")
        }
        return agg.result()
    }

    @Test func everyTableOutputNeutralisesEscapeSequences() {
        for by in [["op"], ["op", "meta.user"]] {
            let r = Self.result(by: by)
            for kind in [ReportKind.analyze, .slow, .errors] {
                let out = TableRenderer.render(r, kind: kind)
                #expect(!out.isEmpty)
                let bad = out.unicodeScalars.filter(Self.isUnsafe)
                #expect(bad.isEmpty, "\(kind) by \(by): \(bad.map { String($0.value, radix: 16) })")
                #expect(!out.contains("\u{1B}"))
            }
            // The payloads stay visible, escaped, so a reader sees what the log held.
            #expect(TableRenderer.render(r, kind: .analyze).contains("\\x1B[31mred"))
        }
    }

    @Test func neutralisedTextKeepsPrintableUnicode() {
        for p in Self.payloads {
            let safe = TerminalText.neutralize(p)
            #expect(safe.unicodeScalars.allSatisfy { !Self.isUnsafe($0) && $0 != "\n" }, "\(safe)")
            #expect(TerminalText.cell(p, width: 8).unicodeScalars.allSatisfy { !Self.isUnsafe($0) && $0 != "\n" })
        }
        #expect(TerminalText.neutralize("café ✓ 日本") == "café ✓ 日本")
    }
}
