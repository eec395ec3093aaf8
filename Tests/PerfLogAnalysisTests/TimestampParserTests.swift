import PerfLog
import Testing

@testable import PerfLogAnalysis

/// The scanner's `TimestampParser` caches the day and the minute of the previous line; whatever
/// the sequence, it must parse exactly as `Timestamp(bytes:)` does.
@Suite struct TimestampParserTests {
    static func parseBoth(_ parser: inout TimestampParser, _ text: String) -> (Timestamp?, Timestamp?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { (parser.parse($0), Timestamp(bytes: $0)) }
    }

    @Test func sequencesOfNeighbouringAndBrokenTimestampsParseLikeTimestampBytes() {
        var parser = TimestampParser()
        var rng = SplitMix64(seed: 99)
        let fixed = [
            "2026-11-28T00:00:00.000000Z", "2026-11-28T00:00:59.999999Z", "2026-11-28T00:00:60.000000Z",
            "2026-11-28T23:59:59.999999Z", "2024-02-29T12:00:00.000001Z", "2025-02-29T12:00:00.000001Z",
            "2026-11-28T24:00:00.000000Z", "2026-11-28T00:60:00.000000Z", "2026-11-28T00:00:61.000000Z",
            "2026-13-01T00:00:00.000000Z", "2026-00-01T00:00:00.000000Z", "1970-01-01T00:00:00.000000Z",
            "1969-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z", "0000-01-01T00:00:00.000000Z",
            "2026-11-28T00:00:00.00000aZ", "2026-11-28T00:00:00.0000/0Z", "2026-11-28T00:00:0:.000000Z",
            "2026-11-28T00:0:00.000000Z", "2026-11-28T0a:00:00.000000Z", "2026-11-28T00:00:00.000000X",
        ]
        for text in fixed + fixed.reversed() {
            let (got, want) = TimestampParserTests.parseBoth(&parser, text)
            #expect(got == want, "\(text)")
        }
        // Walk forward through time in random steps (the cache hits), breaking one byte now and then.
        var t = Timestamp(bytes: Array("2026-11-27T23:58:00.000000Z".utf8).withUnsafeBytes { $0 })!.microseconds
        for _ in 0..<50_000 {
            t += Int64(rng.next() % 3_000_000)
            var text = Array(Timestamp(microseconds: t).description.utf8)
            if text.count == 27 && rng.next() % 8 == 0 {
                let k = Int(rng.next() % 27)
                text[k] = [0x2F, 0x3A, 0x41, 0x30, 0x39, 0x20, 0x00, 0xFF][Int(rng.next() % 8)]
            }
            let s = String(decoding: text, as: UTF8.self)
            let (got, want) = text.withUnsafeBytes { (parser.parse($0), Timestamp(bytes: $0)) }
            #expect(got == want, "\(s)")
        }
    }
}
