import Testing

@_spi(Internals) @testable import PerfLog

/// The encoder's fast paths (two-digit integer writing, overlapping small copies, the
/// overlapping tail check of the escape scan) against plain reference implementations.
@Suite struct LineEncoderFastPathTests {
    @Test func writesEveryDigitCountAndSignLikeDescription() {
        var values: [Int64] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, .max, .min, .max - 1, .min + 1]
        var p: Int64 = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]
        }
        for v in values {
            var enc = LineEncoder(capacity: 64)
            enc.appendInt(v)
            #expect(String(decoding: enc.bytes, as: UTF8.self) == String(v))
        }
    }

    @Test func appendsStaticAndRawBytesOfEveryShortLength() {
        let source = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ".utf8)
        for n in 0...source.count {
            var enc = LineEncoder(capacity: 64)
            enc.appendStatic("<")
            source.withUnsafeBytes { enc.appendRaw(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            enc.appendStatic(">")
            #expect(enc.bytes == [0x3C] + Array(source[0..<n]) + [0x3E])
        }
    }

    @Test func escapesASpecialByteAtEveryPositionOfShortStrings() {
        let specials: [(Character, String)] = [
            ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\u{1}", "\\u0001"),
            ("é", "é"), ("\u{2028}", "\\u2028"), ("\u{9B}", "\\u009b"),
            ("\u{202E}", "\\u202e"), ("\u{2066}", "\\u2066"), ("\u{A0}", "\u{A0}"),
        ]
        for n in 1...40 {
            for k in 0..<n {
                for (special, escaped) in specials {
                    var input = ""
                    var expected = "\""
                    for j in 0..<n {
                        if j == k {
                            input.append(special)
                            expected += escaped
                        } else {
                            let c = Character(UnicodeScalar(UInt8(0x61 + j % 26)))
                            input.append(c)
                            expected.append(c)
                        }
                    }
                    expected += "\""
                    var enc = LineEncoder(capacity: 64)
                    enc.appendString(input)
                    #expect(String(decoding: enc.bytes, as: UTF8.self) == expected)
                }
            }
        }
    }
}
