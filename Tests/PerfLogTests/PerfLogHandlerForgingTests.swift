import Foundation
import Logging
import Testing

@testable import PerfLog

struct HostileError: Error, CustomStringConvertible {
    var description: String
}

/// Log forging: nothing in any field may create or alter another record.
@Suite struct PerfLogHandlerForgingTests {
    typealias S = LineTestSupport

    static let hostile = [
        "a\nb", "a\rb", "a\r\n{\"ts\":\"2026-01-01T00:00:00.000000Z\",\"level\":\"critical\",\"msg\":\"forged\"}",
        "\"}\n{\"level\":\"error\"", "\u{1B}[31mred\u{1B}[0m", "\u{2028}x\u{2029}", "\\\"", "\u{0}\u{7}\u{8}",
        "\u{85}next", "tab\tcr\r", "}{", "\u{1B}]0;title\u{7}",
    ]

    @Test func hostileMessagesMetadataAndErrorsNeverCreateAnotherLine() {
        let sink = InMemorySink()
        var log = Logger(label: "tta\n.api") {
            PerfLogHandler(label: $0, sink: sink, errorRendering: .typeNameAndDescription(maxBytes: 512))
        }
        for h in Self.hostile {
            log[metadataKey: h] = .string(h)
            log.info(
                "\(h)", error: HostileError(description: h),
                metadata: ["k" + h: .string(h), "arr": [.string(h)], "d": [h: .string(h)]])
        }
        let perf = PerformanceLogger(label: "perf\r\n", sink: sink)
        for h in Self.hostile {
            perf.record(op: h, durationMs: 1, outcome: .error, error: h, status: 500)
            perf.recordQuery(op: h, query: "SELECT '\(h)' FROM \"\(h)\" WHERE a = 1 -- \(h)", durationMs: 500)
        }
        let all = sink.contents
        let expectedLines = Self.hostile.count * 4
        #expect(all.filter { $0 == 0x0A }.count == expectedLines)
        #expect(!all.contains(0x0D))
        #expect(!all.contains(0x1B))
        #expect(sink.lines.count == expectedLines)
        for (i, line) in sink.lines.enumerated() {
            guard let obj = S.json(line) else {
                Issue.record("line \(i) is not JSON: \(line)")
                continue
            }
            #expect(obj["level"] as? String != "critical")
            #expect(S.keyOrder(line).first == "ts")
        }
        for (i, h) in Self.hostile.enumerated() {
            let obj = S.json(sink.lines[i])!
            #expect((obj["msg"] as? String).map { Array($0.unicodeScalars) } == Array(h.unicodeScalars))
            #expect((obj["logger"] as? String) == "tta\n.api")
            #expect((obj["error"] as? String) == "HostileError: " + h)
            let meta = obj["meta"] as? [String: Any]
            #expect((meta?["k" + h] as? String).map { Array($0.unicodeScalars) } == Array(h.unicodeScalars))
        }
    }
}
