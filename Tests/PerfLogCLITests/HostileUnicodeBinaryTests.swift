import Foundation
import Testing

/// C1 controls and bidirectional overrides written raw (UTF-8, as another writer may leave them)
/// are neutralised in every human output of the built binary: tables, `tail`, `tail --json`
/// and the HTML report.
@Suite struct HostileUnicodeBinaryTests {
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x0A) || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069)
    }

    static let payloads = ["abc\u{202E}gnp.exe", "csi\u{9B}31m", "iso\u{2066}late\u{2069}", "nel\u{85}x"]

    static func log() -> String {
        var text = ""
        for (i, p) in payloads.enumerated() {
            text +=
                #"{"ts":"2026-11-28T10:00:0\#(i).000000Z","level":"error","logger":"t\#(p)","msg":"m\#(p)","event":"perf","op":"api.\#(p)","duration_ms":\#(i + 1),"outcome":"error","error":"E\#(p)","status":500}"#
                + "\n"
        }
        return text
    }

    @Test func rawC1AndBidiCharactersNeverReachTablesTailOrTheHTMLReport() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.log().write(to: dir.appendingPathComponent("evil.log"), atomically: true, encoding: .utf8)
        for args in [
            ["tail", "-n", "100", "evil.log"], ["tail", "-n", "100", "--json", "evil.log"], ["analyze", "evil.log"],
            ["errors", "evil.log"], ["report", "evil.log", "--html", "report.html"],
        ] {
            let r = try PerfLogBinary.run(args, directory: dir)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let out =
                args[0] == "report"
                ? try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8) : r.stdout
            let bad = out.unicodeScalars.filter(Self.isUnsafe)
            #expect(bad.isEmpty, "\(args): \(bad.map { String($0.value, radix: 16) })")
            if args[0] == "report" {
                #expect(out.contains("api.abc\\u{202E}gnp.exe"))
            }
        }
        // `tail --json` keeps every line valid JSON with the same values, the characters escaped.
        let json = try PerfLogBinary.run(["tail", "-n", "100", "--json", "evil.log"], directory: dir)
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == Self.payloads.count)
        #expect(lines.first?.contains(#""op":"api.abc\u202egnp.exe""#) == true)
        for (line, p) in zip(lines, Self.payloads) {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(obj["op"] as? String == "api." + p)
        }
    }
}
