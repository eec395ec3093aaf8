import Foundation
import Logging
import Testing

@_spi(Internals) @testable import PerfLog

/// A small deterministic generator (SplitMix64), so every run tests the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct LineEncoderPropertyTests {
    typealias S = LineTestSupport

    /// Any Unicode scalar, weighted towards the troublesome ones.
    static func randomScalar(_ g: inout SplitMix64) -> Unicode.Scalar {
        switch g.next() % 10 {
        case 0: return Unicode.Scalar(UInt8(g.next() % 0x20))  // C0 controls
        case 1:
            return [
                "\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{85}", "\u{9B}", "\u{202A}",
                "\u{202E}",
                "\u{2066}", "\u{2069}",
            ].randomElement(using: &g)!
        case 2, 3: return Unicode.Scalar(UInt8(0x20 + g.next() % 0x5F))  // printable ASCII
        case 4: return Unicode.Scalar(UInt32(0x80 + g.next() % 0x780))!  // 2-byte
        case 5, 6:
            var v = UInt32(0x800 + g.next() % 0xF800)
            if (0xD800...0xDFFF).contains(v) { v = 0xFFFD }
            return Unicode.Scalar(v)!  // 3-byte BMP
        default: return Unicode.Scalar(UInt32(0x10000 + g.next() % 0x100000))!  // astral
        }
    }

    static func randomString(_ g: inout SplitMix64) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<(g.next() % 40) { s.append(randomScalar(&g)) }
        return String(s)
    }

    static func randomBytes(_ g: inout SplitMix64) -> [UInt8] {
        var b: [UInt8] = []
        for _ in 0..<(g.next() % 40) {
            if g.next() % 3 == 0 {
                b.append(contentsOf: String(randomScalar(&g)).utf8)
            } else {
                b.append(UInt8(truncatingIfNeeded: g.next()))
            }
        }
        return b
    }

    static func scalars(_ s: String?) -> [Unicode.Scalar]? { s.map { Array($0.unicodeScalars) } }

    @Test func randomStringsInEveryFieldEncodeToOneParsableLine() {
        var g = SplitMix64(seed: 0x5EED)
        for round in 0..<3000 {
            let f = (0..<9).map { _ in Self.randomString(&g) }
            var md: Logger.Metadata = ["nested": [f[8]: .array([.string(f[1]), .string(f[2])])]]
            md[f[6]] = md[f[6]] ?? .string(f[7])
            let e = PerfEvent(
                timestamp: S.fixedTS, level: PerfLevel.allCases[round % 7], logger: f[0], message: f[1], event: f[2],
                op: f[3], durationMs: Double(g.next() % 10_000_000) / 1000, outcome: .error, error: f[4],
                status: Int(g.next() % 600), query: f[5], thresholdMs: 100,
                metadata: md)
            let bytes = LineEncoder.encodeLine(e, redaction: .none)
            #expect(bytes.last == 0x0A)
            #expect(bytes.dropLast().allSatisfy { $0 != 0x0A && $0 != 0x0D })
            guard let obj = S.json(bytes) else {
                Issue.record("round \(round): not JSON: \(S.string(bytes))")
                return
            }
            #expect(Self.scalars(obj["logger"] as? String) == Self.scalars(f[0]))
            #expect(Self.scalars(obj["msg"] as? String) == Self.scalars(f[1]))
            #expect(Self.scalars(obj["event"] as? String) == Self.scalars(f[2]))
            #expect(Self.scalars(obj["op"] as? String) == Self.scalars(f[3]))
            #expect(Self.scalars(obj["error"] as? String) == Self.scalars(f[4]))
            #expect(Self.scalars(obj["query"] as? String) == Self.scalars(f[5]))
            let meta = obj["meta"] as? [String: Any]
            if f[6] != "nested" {
                #expect(Self.scalars(meta?[f[6]] as? String) == Self.scalars(f[7]))
            }
            let nested = meta?["nested"] as? [String: Any]
            let arr = nested?[f[8]] as? [String]
            #expect(arr.map { $0.map { Array($0.unicodeScalars) } } == [f[1], f[2]].map { Array($0.unicodeScalars) })
            #expect((obj["duration_ms"] as? Double).map { ($0 - e.durationMs!).magnitude < 1e-9 } == true)
        }
    }

    @Test func randomBytesIncludingInvalidUTF8EncodeToOneParsableLine() {
        var g = SplitMix64(seed: 0xB17E5)
        let keys: [StaticString] = ["logger", "msg", "event", "op", "error", "query"]
        for round in 0..<3000 {
            let values = keys.map { _ in Self.randomBytes(&g) }
            var enc = LineEncoder()
            enc.appendStatic("{\"ts\":")
            enc.appendTimestamp(S.fixedTS)
            enc.appendStatic(",\"level\":\"info\"")
            for (k, v) in zip(keys, values) {
                enc.appendByte(0x2C)
                enc.appendString(bytes: UnsafeRawBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
                enc.appendByte(0x3A)
                v.withUnsafeBytes { enc.appendString(bytes: $0) }
            }
            enc.appendStatic(",\"meta\":{")
            values[0].withUnsafeBytes { enc.appendString(bytes: $0) }
            enc.appendByte(0x3A)
            values[1].withUnsafeBytes { enc.appendString(bytes: $0) }
            enc.appendStatic("}}\n")
            let bytes = enc.bytes
            #expect(bytes.dropLast().allSatisfy { $0 != 0x0A && $0 != 0x0D })
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            guard let obj = S.json(bytes) else {
                Issue.record("round \(round): not JSON")
                return
            }
            for (k, v) in zip(keys, values) {
                let key = String(
                    decoding: UnsafeRawBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount), as: UTF8.self)
                #expect(
                    Self.scalars(obj[key] as? String) == Self.scalars(String(decoding: v, as: UTF8.self)), "\(key) \(v)"
                )
            }
            let meta = obj["meta"] as? [String: Any]
            #expect(
                Self.scalars(meta?[String(decoding: values[0], as: UTF8.self)] as? String)
                    == Self.scalars(String(decoding: values[1], as: UTF8.self)))
        }
    }
}
