import Foundation
import PerfLog
import Testing

/// Hostile input and terminal injection through the built `perflog` binary (issue 7): `analyze`
/// counts the good lines exactly, reports the bad ones and exits 3; `tail` and every table output
/// print no control character from a field value.
@Suite struct HostileBinaryTests {
    static func line(_ i: Int, op: String = "db.q") -> String {
        #"{"ts":"2026-11-28T10:00:0\#(i % 10).000000Z","level":"info","logger":"t","msg":"m\#(i)","event":"perf","op":"\#(op)","duration_ms":\#(i + 1).5,"outcome":"success"}"#
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x0A) || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069)
    }

    @Test func analyzeCountsGoodLinesExactlyReportsBadOnesAndExitsThree() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((Self.line(0) + "\r\n").utf8)
        bytes += Array((Self.line(1) + "\n").utf8)
        bytes += [0, 0, 0, 0, 0x0A]  // zero-filled block
        bytes += Array(#"{"msg":"bad "#.utf8) + [0xFF, 0x0A]  // invalid UTF-8 and a torn line
        bytes += Array(#"{"a":"#.utf8) + [UInt8](repeating: 0x5B, count: 100_000) + [0x0A]  // 100,000 deep
        bytes += Array((Self.line(2) + "\n" + Self.line(3)).utf8)  // no final newline
        try Data(bytes).write(to: dir.appendingPathComponent("hostile.log"))
        let r = try PerfLogBinary.run(["analyze", "--format", "json", "hostile.log"], directory: dir)
        #expect(r.status == 3, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let input = try #require(json["input"] as? [String: Any])
        #expect(input["events"] as? Int == 4)
        #expect(input["malformed"] as? Int == 3)
        #expect(r.stderr.contains("hostile.log"))
    }

    @Test func tailAndTablesNeutraliseEscapeSequencesInFieldValues() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let payloads = [
            #"\u001b[2J\u001b[H"#, #"\u001b]0;owned\u0007"#, #"over\rwrite"#, #"\u009b31m"#, #"bidi\u202etxt"#,
            #"x\u001b[31mred"#,
        ]
        var text = ""
        for (i, p) in payloads.enumerated() {
            text +=
                #"{"ts":"2026-11-28T10:00:0\#(i).000000Z","level":"error","logger":"t\#(p)","msg":"m\#(p)","event":"perf","op":"api.\#(p)","duration_ms":\#(i + 1),"outcome":"error","error":"E\#(p)","status":500,"meta":{"k\#(p)":"v\#(p)"}}"#
                + "\n"
            text +=
                #"{"ts":"2026-11-28T10:00:0\#(i).000000Z","level":"warning","logger":"db","msg":"slow","event":"slow_query","op":"db.\#(p)","duration_ms":500,"query":"SELECT \#(p) FROM t","threshold_ms":100}"#
                + "\n"
        }
        try text.write(to: dir.appendingPathComponent("evil.log"), atomically: true, encoding: .utf8)
        let runs: [[String]] = [
            ["tail", "-n", "100", "evil.log"], ["tail", "-n", "100", "--color", "never", "evil.log"],
            ["analyze", "evil.log"], ["slow", "evil.log"], ["errors", "evil.log"],
            ["analyze", "--by", "op,logger", "evil.log"],
        ]
        for args in runs {
            let r = try PerfLogBinary.run(args, directory: dir)
            #expect(r.status == 0 || r.status == 3, "\(args): \(r.stderr)")
            #expect(!r.stdout.isEmpty, "\(args)")
            let bad = r.stdout.unicodeScalars.filter(Self.isUnsafe)
            #expect(bad.isEmpty, "\(args): \(bad.map { String($0.value, radix: 16) })")
            #expect(r.stderr.unicodeScalars.filter(Self.isUnsafe).isEmpty, "\(args) stderr")
        }
    }
}
