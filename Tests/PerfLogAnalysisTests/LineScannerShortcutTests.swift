@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// The scanner's shortcuts for the writer's own lines give what the general path gives, on every
/// input: a plain `duration_ms` scanned and parsed in one pass (`DecimalParser.scanPlain`), and
/// the `,"` between members taken in one compare.
@Suite struct LineScannerShortcutTests {
    /// Number texts around every rule of JSON's number syntax and of the shortcut's limits
    /// (leading zeros, a dot without digits, exponents, 15 and 16 digits), each followed by a
    /// byte that may or may not continue a number.
    static var numberTexts: [String] {
        let integers = ["", "0", "00", "01", "7", "10", "123", "999999999999999", "1234567890123456", "-", "-0", "-12"]
        let fractions = ["", ".", ".0", ".5", ".468", ".000001", ".12345678901234", ".123456789012345", ".."]
        let exponents = ["", "e", "E5", "e-3", "e+", "E+2"]
        let tails = ["", ".", "e", "E", "x", "1", " ", "-", ",", "}"]
        var texts: [String] = []
        for i in integers {
            for f in fractions {
                for e in exponents { for t in tails { texts.append(i + f + e + t) } }
            }
        }
        var rng = SplitMix64(seed: 16)
        for _ in 0..<2000 {
            let n = Int(rng.next() % 18)
            var s = (0..<n).map { _ in String(rng.next() % 10) }.joined()
            if rng.next() % 2 == 0 {
                s += "." + (0..<Int(rng.next() % 18)).map { _ in String(rng.next() % 10) }.joined()
            }
            texts.append(s)
        }
        return texts
    }

    @Test func scanPlainStopsWhereScanNumberStopsWithParsesValue() {
        var taken = 0
        for text in Self.numberTexts where !text.isEmpty {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                let p = b.baseAddress!
                guard (p[0] &- 0x30) < 10 else { return }
                var value = -1.0
                let stop = DecimalParser.scanPlain(p, 0, b.count, value: &value)
                guard stop >= 0 else { return }
                taken += 1
                var fail = MalformedReason(.unexpectedEnd, offset: 0)
                let general = JSONSyntax.scanNumber(p, 0, b.count, fail: &fail)
                #expect(stop == general, "\(text)")
                let parsed = DecimalParser.parse(UnsafeRawBufferPointer(start: p, count: max(general, 0)))
                #expect(parsed?.bitPattern == value.bitPattern, "\(text)")
                // And both are the correctly rounded value (`strtod`'s).
                #expect(Double(String(decoding: bytes[0..<stop], as: UTF8.self)) == value, "\(text)")
            }
        }
        #expect(taken > 1000)
    }

    @Test func theWritersDurationsTakeTheShortcut() {
        for (text, expected) in [("23.468", 23.468), ("0", 0.0), ("1500", 1500.0), ("0.5", 0.5), ("999.999", 999.999)] {
            let bytes = Array((text + ",").utf8)
            bytes.withUnsafeBufferPointer { b in
                var value = -1.0
                #expect(DecimalParser.scanPlain(b.baseAddress!, 0, b.count, value: &value) == text.utf8.count)
                #expect(value == expected)
            }
        }
    }

    /// `duration_ms` (the shortcut) against a key of the same length the scanner does not know (the
    /// general number path): the same outcome, malformed reasons and offsets included, and the
    /// value `parse` gives.
    @Test func durationsReadAsTheGeneralPathReadsThem() {
        for text in Self.numberTexts {
            for rest in ["}", ",\"op\":\"x\"}", " }", ""] {
                let known = #"{"duration_ms":"# + text + rest
                let unknown = #"{"duration_mx":"# + text + rest
                let expected = outcome(unknown)
                #expect(outcome(known) == expected, "\(known)")
                guard expected == .record else { continue }
                withScanned(known) { _, r in
                    let raw = r.value(at: FieldPath("duration_ms"))
                    let want = raw.flatMap { DecimalParser.parse($0.raw) }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
                    #expect(r.durationMs?.bitPattern == want?.bitPattern, "\(known)")
                    #expect(raw?.kind == .number, "\(known)")
                }
            }
        }
    }

    @Test func aCommaAndQuoteNearTheEndOfTheLineReadAsBefore() {
        #expect(outcome(#"{"a":1,""#) == .malformed(MalformedReason(.unexpectedEnd, offset: 8)))
        #expect(outcome(#"{"a":1,"#) == .malformed(MalformedReason(.unexpectedEnd, offset: 7)))
        #expect(outcome(#"{"a":1,"b"#) == .malformed(MalformedReason(.unexpectedEnd, offset: 9)))
        #expect(outcome(#"{"a":1,"b":2}"#) == .record)
        #expect(outcome(#"{"a":"x","":2}"#) == .record)
        #expect(outcome(#"{"a":1,","b":2}"#) == .malformed(MalformedReason(.unexpectedByte, offset: 10)))
        #expect(fields(#"{"op":"a","msg":"b","outcome":"error"}"#)?.isError == true)
        // The same bytes in the slack past the line's end are never taken for the line's.
        let line = Array(#"{"a":1"#.utf8)
        let buffer = line + Array(#","b":2}"#.utf8)
        buffer.withUnsafeBytes { all in
            var scanner = LineScanner()
            var record = ScannedRecord()
            let view = UnsafeRawBufferPointer(rebasing: all[0..<line.count])
            let got = scanner.scan(view, slack: all.count - line.count, into: &record)
            #expect(got == .malformed(MalformedReason(.unexpectedEnd, offset: 6)))
        }
    }
}
