import Foundation
import Logging
import Testing

@_spi(Internals) @testable import PerfLog

/// Helpers shared by the logger's test suites.
enum LineTestSupport {
    static let fixedTS = Timestamp(microseconds: 1_795_860_000_123_456)  // 2026-11-28T10:00:00.123456Z

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The line with its `ts` value replaced by `TS` and its `duration_ms` value by `D`.
    static func normalized(_ line: String) -> String {
        var bytes = Array(line.utf8)
        if bytes.count > 34 && bytes.starts(with: Array("{\"ts\":\"".utf8)) {
            bytes.replaceSubrange(7..<34, with: Array("TS".utf8))
        }
        var s = String(decoding: bytes, as: UTF8.self)
        while let r = s.range(of: "\"duration_ms\":"), !s[r.upperBound...].hasPrefix("D") {
            var end = r.upperBound
            while end < s.endIndex && s[end] != "," && s[end] != "}" { end = s.index(after: end) }
            s.replaceSubrange(r.upperBound..<end, with: "D")
        }
        return s
    }

    /// Parses one line with Foundation's JSONSerialization (the independent reference parser).
    static func json(_ line: some Collection<UInt8>) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])) as? [String: Any]
    }

    static func json(_ line: String) -> [String: Any]? { json(Array(line.utf8)) }

    /// The keys of a line in written order.
    static func keyOrder(_ line: String) -> [String] {
        let v1 = [
            "ts", "level", "logger", "msg", "event", "op", "duration_ms", "outcome", "error", "status",
            "query", "threshold_ms", "meta",
        ]
        return v1.compactMap { k in line.range(of: "\"\(k)\":").map { (k, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }
}

@Suite struct LineEncoderTests {
    typealias S = LineTestSupport

    @Test func encodesAPerfEventWithEveryFieldInFormatOrder() {
        let e = PerfEvent(
            timestamp: S.fixedTS, level: .warning, logger: "tta.db", message: "slow query", event: "slow_query",
            op: "db.list_history", durationMs: 167.504, outcome: .success, error: "Timeout", status: 200,
            query: "SELECT * FROM t WHERE id = ?", thresholdMs: 100, metadata: ["request_id": "r1", "user_id": "u2"])
        let line = S.string(LineEncoder.encodeLine(e))
        #expect(
            line == """
                {"ts":"2026-11-28T10:00:00.123456Z","level":"warning","logger":"tta.db","msg":"slow query",\
                "event":"slow_query","op":"db.list_history","duration_ms":167.504,"outcome":"success",\
                "error":"Timeout","status":200,"query":"SELECT * FROM t WHERE id = ?","threshold_ms":100.0,\
                "meta":{"request_id":"r1","user_id":"u2"}}

                """)
    }

    @Test func leavesOutAbsentFields() {
        let e = PerfEvent(timestamp: S.fixedTS, level: .info, logger: "app", message: "")
        #expect(
            S.string(LineEncoder.encodeLine(e))
                == "{\"ts\":\"2026-11-28T10:00:00.123456Z\",\"level\":\"info\",\"logger\":\"app\",\"msg\":\"\"}\n")
    }

    @Test func writesMillisecondsWithMicrosecondResolutionAndTrimmedZeros() {
        let cases: [(Double, String)] = [
            (12.345, "12.345"), (16.14, "16.14"), (100, "100.0"), (0, "0.0"), (0.001, "0.001"),
            (0.0004, "0.0"), (0.0005, "0.001"), (1.23456789, "1.235"), (-2.5, "-2.5"), (-0.0, "0.0"),
            (2426.205, "2426.205"), (86_400_000, "86400000.0"), (1e20, "1e+20"),
        ]
        for (ms, text) in cases {
            var enc = LineEncoder()
            enc.appendMilliseconds(ms)
            #expect(S.string(enc.bytes) == text, "\(ms)")
        }
    }

    @Test func writesNonFiniteNumbersAsNull() {
        for v in [Double.nan, .infinity, -.infinity] {
            let e = PerfEvent(
                timestamp: S.fixedTS, level: .info, logger: "a", message: "m", event: "perf", op: "x", durationMs: v,
                thresholdMs: v)
            let line = S.string(LineEncoder.encodeLine(e))
            #expect(line.contains("\"duration_ms\":null,\"threshold_ms\":null}"))
            let obj = S.json(line)
            #expect(obj?["duration_ms"] is NSNull)
        }
    }

    @Test func writesIntegers() {
        for (v, text) in [
            (Int64(0), "0"), (200, "200"), (-17, "-17"), (.max, "9223372036854775807"),
            (.min, "-9223372036854775808"),
        ] {
            var enc = LineEncoder()
            enc.appendInt(v)
            #expect(S.string(enc.bytes) == text)
        }
    }

    @Test func escapesQuotesBackslashesControlsAndLineSeparators() {
        var enc = LineEncoder()
        enc.appendString("a\"b\\c\nd\re\tf\u{8}g\u{C}h\u{0}i\u{1B}j\u{7F}k\u{2028}l\u{2029}m/é😀\u{FEFF}")
        #expect(
            S.string(enc.bytes)
                == #""a\"b\\c\nd\re\tf\bg\fh\u0000i\u001bj\u007fk\u2028l\u2029m/é😀\ufeff""#)
    }

    @Test func escapesC1ControlsAndBidiOverridesAndIsolates() {
        let escaped = Array(0x80...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for v in escaped {
            var enc = LineEncoder()
            enc.appendString("a" + String(Unicode.Scalar(UInt32(v))!) + "b")
            let hex = String(v, radix: 16)
            #expect(S.string(enc.bytes) == "\"a\\u" + String(repeating: "0", count: 4 - hex.count) + hex + "b\"")
        }
        // Their neighbours are ordinary text.
        for v in [0xA0, 0xA9, 0x2027, 0x202F, 0x2065, 0x206A, 0x200E] {
            var enc = LineEncoder()
            let s = "a" + String(Unicode.Scalar(UInt32(v))!) + "b"
            enc.appendString(s)
            #expect(S.string(enc.bytes) == "\"" + s + "\"")
        }
        // The file-name trick of the format promise: shown in logical order, never reordered.
        var enc = LineEncoder()
        enc.appendString("abc\u{202E}gnp.exe\u{9B}31m")
        #expect(S.string(enc.bytes) == #""abc\u202egnp.exe\u009b31m""#)
    }

    @Test func replacesInvalidUTF8LikeSwiftsDecoder() {
        let inputs: [[UInt8]] = [
            [0x61, 0xFF, 0x62], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF0, 0x9F, 0x98], [0xE2, 0x80, 0xA8], [0x80, 0x80, 0x41], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ]
        for input in inputs {
            var enc = LineEncoder()
            input.withUnsafeBytes { enc.appendString(bytes: $0) }
            let parsed = S.json(Array("[".utf8) + enc.bytes + Array("]".utf8))
            _ = parsed
            let arr = try? JSONSerialization.jsonObject(with: Data(Array("[".utf8) + enc.bytes + Array("]".utf8)))
            let value = (arr as? [Any])?.first as? String
            #expect(
                value.map { Array($0.unicodeScalars) } == Array(String(decoding: input, as: UTF8.self).unicodeScalars))
        }
    }

    @Test func growsBeyondTheStackBufferForLongLines() {
        let long = String(repeating: "x\"", count: 5000)
        let bytes: [UInt8] = LineEncoder.withStackBuffer { enc in
            enc.encode(PerfEvent(timestamp: S.fixedTS, level: .info, logger: "a", message: long))
            return enc.bytes
        }
        #expect(bytes.count == 15_000 + 74)
        #expect((S.json(bytes)?["msg"] as? String) == long)
    }

    @Test func sortsMetadataKeysAndEncodesNestedValues() {
        let md: Logger.Metadata = [
            "z": "last", "a": ["x", "y"], "m": ["inner": "v", "Password": "hunter2"], "n": .stringConvertible(42),
        ]
        var enc = LineEncoder()
        enc.appendMetadata(md)
        #expect(
            S.string(enc.bytes)
                == #"{"a":["x","y"],"m":{"Password":"[REDACTED]","inner":"v"},"n":"42","z":"last"}"#)
    }
}

@Suite struct LineEncoderTimestampTests {
    @Test func writesTimestampsExactlyAsTimestampDoes() {
        var g = SplitMix64(seed: 99)
        var values: [Int64] = [
            0, -1, 1_795_860_000_123_456, 253_402_300_799_999_999, 253_402_300_800_000_000, 951_782_400_000_000,
        ]
        for _ in 0..<20_000 {
            values.append(Int64(bitPattern: g.next() % 300_000_000_000_000_000) - 20_000_000_000_000_000)
        }
        for us in values {
            let ts = Timestamp(microseconds: us)
            var enc = LineEncoder()
            enc.appendTimestamp(ts)
            #expect(LineTestSupport.string(enc.bytes) == "\"\(ts.description)\"", "\(us)")
        }
    }
}

@Suite struct LineEncoderDocumentationTests {
    static func metadata(_ any: Any) -> Logger.Metadata.Value {
        switch any {
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map(metadata))
        case let d as [String: Any]: return .dictionary(d.mapValues(metadata))
        default: return .string("\(any)")
        }
    }

    /// Every example line in docs/FORMAT.md section 1 is exactly what the encoder writes for it.
    @Test func documentedExamplesAreWhatTheEncoderWrites() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/FORMAT.md").standardized
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = text.components(separatedBy: "## 1. Lines")[1].components(
            separatedBy: "<!-- line format section ends")[0]
        let examples = section.split(separator: "\n").filter { $0.hasPrefix("{\"ts\"") }.map(String.init)
        #expect(examples.count == 7)
        for line in examples {
            let o = try #require(LineTestSupport.json(line), "\(line)")
            let e = PerfEvent(
                timestamp: try #require(Timestamp(parsing: o["ts"] as! String)),
                level: try #require(PerfLevel(name: o["level"] as! String)),
                logger: o["logger"] as! String, message: o["msg"] as! String, event: o["event"] as? String,
                op: o["op"] as? String, durationMs: (o["duration_ms"] as? NSNumber)?.doubleValue,
                outcome: (o["outcome"] as? String).flatMap(PerfOutcome.init(rawValue:)), error: o["error"] as? String,
                status: o["status"] as? Int, query: o["query"] as? String,
                thresholdMs: (o["threshold_ms"] as? NSNumber)?.doubleValue,
                metadata: (o["meta"] as? [String: Any])?.mapValues(Self.metadata))
            #expect(LineTestSupport.string(LineEncoder.encodeLine(e)) == line + "\n")
        }
    }
}
