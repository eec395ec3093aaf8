import Testing

@_spi(Internals) @testable import PerfLogAnalysis

@Suite struct LineScannerMalformedTests {
    func code(_ line: String) -> MalformedReason.Code? {
        if case .malformed(let r) = outcome(line) { return r.code }
        return nil
    }

    func code(bytes: [UInt8]) -> MalformedReason.Code? {
        if case .malformed(let r) = outcome(bytes: bytes) { return r.code }
        return nil
    }

    @Test func tornLinesAreMalformed() {
        let line = LineScannerTests.perfLine
        let bytes = Array(line.utf8)
        for cut in 1..<(bytes.count - 1) {
            let torn = Array(bytes[0..<cut])
            #expect(code(bytes: torn) != nil, "cut at \(cut)")
        }
        #expect(code(#"{"ts":"2026-11-28T10:00"#) == .unexpectedEnd)
    }

    @Test func reportsTheReasonAndOffset() {
        #expect(outcome(#"{"a":1,}"#) == .malformed(MalformedReason(.unexpectedByte, offset: 7)))
        #expect(outcome(#"[1,2]"#) == .malformed(MalformedReason(.notAnObject, offset: 0)))
        #expect(MalformedReason(.unexpectedEnd, offset: 41).description == "unexpected end of line at byte 42")
    }

    @Test func corpusOfBadLinesIsMalformed() {
        let cases: [(String, MalformedReason.Code)] = [
            (#"not json"#, .notAnObject),
            (#"{"a":1}{"b":2}"#, .trailingData),
            (#"{"a":1} x"#, .trailingData),
            (#"{"a":"unterminated}"#, .unexpectedEnd),
            (#"{"a":"bad \x escape"}"#, .invalidEscape),
            (#"{"a":"\u12G4"}"#, .invalidEscape),
            (#"{"a":"\u12"}"#, .invalidEscape),
            (#"{"a":01}"#, .unexpectedByte),
            (#"{"a":1.}"#, .invalidNumber),
            (#"{"a":1e}"#, .invalidNumber),
            (#"{"a":-}"#, .invalidNumber),
            (#"{"a":+1}"#, .unexpectedByte),
            (#"{"a":tru}"#, .invalidLiteral),
            (#"{"a":nul,"b":1}"#, .invalidLiteral),
            (#"{"a":falsy}"#, .invalidLiteral),
            (#"{"a" 1}"#, .unexpectedByte),
            (#"{a:1}"#, .unexpectedByte),
            (#"{"a":1 "b":2}"#, .unexpectedByte),
            (#"{"a":[1,2}"#, .unexpectedByte),
            (#"{"a":{"b":1]}"#, .unexpectedByte),
            (#"{"a":[1,]}"#, .unexpectedByte),
            (#"{"a":{,}}"#, .unexpectedByte),
            (#"{"a":NaN}"#, .unexpectedByte),
            (#"{"a":'x'}"#, .unexpectedByte),
            (#"{"#, .unexpectedEnd),
            (#"{"a":"#, .unexpectedEnd),
            (#"{"a":1"#, .unexpectedEnd),
            (#"{"a":1,"#, .unexpectedEnd),
        ]
        for (line, expected) in cases {
            #expect(code(line) == expected, "\(line)")
        }
    }

    @Test func controlCharactersAndNULInStringsAreMalformed() {
        #expect(code(bytes: Array(#"{"a":"x"#.utf8) + [0x00] + Array(#""}"#.utf8)) == .controlCharacterInString)
        #expect(code(bytes: Array(#"{"a":"x"#.utf8) + [0x09] + Array(#""}"#.utf8)) == .controlCharacterInString)
        #expect(code(bytes: [UInt8](repeating: 0, count: 200)) == .notAnObject)
    }

    @Test func deepNestingBeyondTheCapIsMalformedWithoutRecursion() {
        let depth = 100_000
        let line = #"{"meta":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(code(line) == .nestingTooDeep)
        let objects =
            #"{"meta":"# + String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth) + "}"
        #expect(code(objects) == .nestingTooDeep)
    }

    @Test func nestingUpToTheCapIsAccepted() {
        // The line's object is level 1, so 511 more levels fit under the default cap of 512.
        let ok = #"{"meta":"# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        #expect(outcome(ok) == .record)
        let tooDeep = #"{"meta":"# + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}"
        #expect(code(tooDeep) == .nestingTooDeep)
        var small = LineScanner(maxDepth: 3)
        var r = ScannedRecord()
        let bytes = Array(#"{"a":{"b":{"c":1}}}"#.utf8)
        let deeper = Array(#"{"a":{"b":{"c":{}}}}"#.utf8)
        #expect(bytes.withUnsafeBytes { small.scan($0, into: &r) } == .record)
        #expect(
            deeper.withUnsafeBytes { small.scan($0, into: &r) }
                == .malformed(MalformedReason(.nestingTooDeep, offset: 15)))
    }

    @Test func deepNestingBetween64And512LevelsIsValidated() {
        let mixed =
            (0..<200).map { $0 % 2 == 0 ? "[" : #"{"k":"# }.joined() + "1"
            + (0..<200).reversed().map { $0 % 2 == 0 ? "]" : "}" }.joined()
        #expect(outcome(#"{"meta":\#(mixed)}"#) == .record)
        let wrongClose =
            (0..<200).map { $0 % 2 == 0 ? "[" : #"{"k":"# }.joined() + "1"
            + (0..<200).reversed().map { $0 % 2 == 0 ? "}" : "]" }.joined()
        #expect(code(#"{"meta":\#(wrongClose)}"#) == .unexpectedByte)
    }

    @Test func aFiveMegabyteLineScansAndATornOneIsMalformed() {
        let big = String(repeating: "x", count: 5 * 1024 * 1024)
        let line = #"{"op":"big","msg":"\#(big)","meta":{"k":"\#(big)"}}"#
        #expect(fields(line)?.op == "big")
        #expect(fields(line)?.msg?.utf8.count == 5 * 1024 * 1024)
        #expect(code(String(line.dropLast(3))) == .unexpectedEnd)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array(#"{}[]":,\ u0123456789abcdefntrl-+.eE"#.utf8) + [0x00, 0x0A, 0xFF, 0xC3]
        var scanner = LineScanner()
        var record = ScannedRecord()
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 64)
            var bytes = [UInt8(ascii: "{")]
            for _ in 0..<n { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            bytes.withUnsafeBytes { b in
                if scanner.scan(b, into: &record) == .record {
                    _ = record.value(at: FieldPath("meta.a.b"))
                    _ = record.value(at: FieldPath("zz"))
                }
            }
        }
        // Mutations of a valid line.
        let base = Array(LineScannerTests.perfLine.utf8)
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0..<3 {
                let k = Int(rng.next() % UInt64(bytes.count))
                bytes[k] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            bytes.withUnsafeBytes { b in
                if scanner.scan(b, into: &record) == .record {
                    _ = record.value(at: FieldPath("meta.user_id"))
                }
            }
        }
    }
}

/// A small deterministic generator for tests.
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
