@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// Lines of the writer's shape are read in one straight pass (`LineScanner.scanWriterShape`),
/// everything else by the general loop. Both must give the same outcome (malformed reasons and
/// offsets included) and the same record, on every line: writer lines with every kind of value,
/// each of their prefixes, and each of them with one byte replaced at every position, scanned
/// with and without slack bytes after the line.
@Suite struct LineScannerWriterShapeTests {
    /// Everything a scan produced, raw values included.
    static func summary(_ outcome: ScanOutcome, _ r: ScannedRecord) -> String {
        guard case .record = outcome else { return "\(outcome)" }
        func s(_ v: JSONValueRef?) -> String { v.map { "\($0.kind):\($0.hasEscapes):\($0.string)" } ?? "-" }
        let raws = ["ts", "level", "duration_ms", "status", "threshold_ms"].map { s(r.value(at: FieldPath($0))) }
        return [LineScannerSlackTests.summary(outcome, r), s(r.logger), s(r.msg), s(r.op), s(r.outcome), s(r.error)]
            .joined(separator: "|") + "|" + raws.joined(separator: "|") + "|\(r.line.count)"
    }

    /// Scans `line` followed by `slack` with the writer-shape pass on and off.
    static func check(_ line: [UInt8], slack: [UInt8], _ comment: @autoclosure () -> String) {
        let buffer = line + slack
        var results: [String] = []
        for shape in [true, false] {
            var scanner = LineScanner()
            scanner.readsWriterShape = shape
            var record = ScannedRecord()
            let got = buffer.withUnsafeBytes { all -> String in
                let view = UnsafeRawBufferPointer(rebasing: all[0..<line.count])
                return summary(scanner.scan(view, slack: all.count - line.count, into: &record), record)
            }
            results.append(got)
        }
        #expect(results[0] == results[1], "\(comment()): \(String(decoding: line, as: UTF8.self))")
    }

    static let timestamps = [
        "2026-11-28T00:00:00.027979Z", "2026-02-29T10:00:00.000000Z", "2024-02-29T23:59:60.999999Z",
        "2026-11-28T00:00:00.02797Z", "2026-11-28T00:00:00Z", "2026-13-28T00:00:00.027979Z",
        "2026-11-28 00:00:00.027979Z",
    ]
    static let levels = [
        "info", "debug", "error", "trace", "notice", "warning", "critical", "WARN", "Info", "fatal", "", "i",
    ]
    static let strings = [
        "tta.api", "", "done", "api.POST /api/v1/chat/message", "a-very-long-operation-name-that-spans-several-blocks",
        "quote \\\" inside", "back\\\\slash", "\\u00e9t\\u00E9", "bad \\x escape", "ctl \u{01} byte", "tab\tin",
        "é ünïcödé", "0123456789abcdef", "0123456789abcde", "0123456789abcdefg",
    ]
    static let numbers = [
        "23.468", "0", "1500", "0.5", "-1", "1e3", "2.5E-2", "0012", "1.", "12345678901234567", "200.0", "9.99",
        "1e999",
    ]
    static let metas = [
        #"{"request_id":"6513270e","user_id":"u04943"}"#, "{}", #"{"a":1,"b":true,"c":null,"d":-2.5e3}"#,
        #"{"a":{"b":1}}"#, #"{"a":[1,2]}"#, #"{ "a":1}"#, #"{"a":"x\"y"}"#, #"{"a":1,}"#, #"{"a"}"#,
    ]

    /// A line of the writer's shape (or nearly: every value from the lists above, some members
    /// left out, sometimes a member out of place or a stray space).
    static func randomLine(_ rng: inout SplitMix64) -> String {
        func pick(_ a: [String]) -> String { a[Int(rng.next() % UInt64(a.count))] }
        var members: [String] = [#""ts":"\#(pick(timestamps))""#]
        if rng.next() % 8 != 0 { members.append(#""level":"\#(pick(levels))""#) }
        for key in ["logger", "msg", "event", "op"] where rng.next() % 5 != 0 {
            members.append(#""\#(key)":"\#(key == "event" && rng.next() % 2 == 0 ? "perf" : pick(strings))""#)
        }
        if rng.next() % 4 != 0 {
            members.append(
                #""duration_ms":\#(rng.next() % 3 == 0 ? pick(numbers) : "\(rng.next() % 100_000).\(rng.next() % 1000)")"#
            )
        }
        if rng.next() % 4 != 0 { members.append(#""outcome":"\#(rng.next() % 2 == 0 ? "success" : "error")""#) }
        if rng.next() % 4 == 0 { members.append(#""error":"\#(pick(strings))""#) }
        if rng.next() % 2 == 0 { members.append(#""status":\#(rng.next() % 3 == 0 ? pick(numbers) : "200")"#) }
        if rng.next() % 10 == 0 { members.append(#""query":"SELECT 1""#) }
        if rng.next() % 4 != 0 { members.append(#""meta":\#(rng.next() % 2 == 0 ? pick(metas) : metas[0])"#) }
        switch rng.next() % 12 {
        case 0: members.swapAt(0, Int(rng.next() % UInt64(members.count)))
        case 1: members.append(members[Int(rng.next() % UInt64(members.count))])
        case 2: members[Int(rng.next() % UInt64(members.count))] += " "
        default: break
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static let slacks: [[UInt8]] = [
        [], Array(repeating: 0x22, count: 64), Array(repeating: 0x5C, count: 64), Array(repeating: 0, count: 64),
        Array(#","level":"info","meta":{"a":1}}"#.utf8) + Array(repeating: 0x7D, count: 32),
    ]

    @Test func writerLinesReadAsTheGeneralLoopReadsThem() {
        var rng = SplitMix64(seed: 1616)
        for n in 0..<3000 {
            let line = Array(Self.randomLine(&rng).utf8)
            for slack in Self.slacks { Self.check(line, slack: slack, "line \(n)") }
            Self.check(line + [0x0D, 0x0A], slack: [], "line \(n) with CRLF")
        }
    }

    @Test func everyPrefixReadsAsTheGeneralLoopReadsIt() {
        var rng = SplitMix64(seed: 77)
        for n in 0..<150 {
            let line = Array(Self.randomLine(&rng).utf8)
            for cut in 0...line.count {
                let prefix = Array(line[0..<cut])
                Self.check(
                    prefix, slack: Array(line[cut...]) + Array(repeating: 0x41, count: 32), "prefix \(cut) of \(n)")
                Self.check(prefix, slack: Array(repeating: 0x22, count: 48), "prefix \(cut) of \(n), quotes after")
            }
        }
    }

    /// One byte replaced, at every position of a writer line: a quote, a backslash, NUL, a
    /// control byte, a space, a brace, a comma, a digit, a letter, a non-ASCII byte.
    @Test func everySingleByteChangeReadsAsTheGeneralLoopReadsIt() {
        let replacements: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x7D, 0x7B, 0x2C, 0x3A, 0x35, 0x65, 0xC3]
        var rng = SplitMix64(seed: 5)
        for n in 0..<40 {
            let line = Array(Self.randomLine(&rng).utf8)
            for at in line.indices {
                for byte in replacements where line[at] != byte {
                    var changed = line
                    changed[at] = byte
                    Self.check(changed, slack: Self.slacks[4], "byte \(at) of \(n) -> \(byte)")
                }
            }
        }
    }

    /// `scanWriterLine` reads a line before its end is known (the rest of the chunk after it):
    /// when it takes the line, its length with the line break and its record are those of
    /// finding the `\n` and calling `scan`; lines it leaves (0) go that way anyway.
    @Test func aLineReadBeforeItsEndIsKnownReadsAsScanReadsIt() {
        var rng = SplitMix64(seed: 2026)
        var taken = 0
        let breaks = ["\n", "\r\n", "", " \n", "\r\r\n", "\r", "x\n"]
        let nexts = ["", #"{"ts":"2026-11-28T00:00:00.000000Z"}"# + "\n", "\n", "garbage"]
        for n in 0..<3000 {
            // Half of them the writer's own line, which the pass takes.
            let line = Array((n % 2 == 0 ? LineScannerSlackTests.lines[0] : Self.randomLine(&rng)).utf8)
            let lineBreak = Array(breaks[Int(rng.next() % UInt64(breaks.count))].utf8)
            let rest = line + lineBreak + Array(nexts[Int(rng.next() % UInt64(nexts.count))].utf8)
            for slack in [Self.slacks[0], Self.slacks[1], Self.slacks[3]] {
                let buffer = rest + slack
                var speculative = LineScanner()
                var reference = LineScanner()
                var a = ScannedRecord()
                var b = ScannedRecord()
                buffer.withUnsafeBytes { all in
                    let view = UnsafeRawBufferPointer(rebasing: all[0..<rest.count])
                    let length = speculative.scanWriterLine(view, slack: slack.count, into: &a)
                    guard length > 0 else { return }
                    taken += 1
                    // The reference: the line up to its first `\n`, scanned.
                    let end = rest.firstIndex(of: 0x0A) ?? rest.count
                    #expect(length == end + 1, "line \(n): \(String(decoding: rest, as: UTF8.self))")
                    let lineView = UnsafeRawBufferPointer(rebasing: all[0..<end])
                    let outcome = reference.scan(lineView, slack: all.count - end, into: &b)
                    #expect(
                        Self.summary(.record, a) == Self.summary(outcome, b),
                        "line \(n): \(String(decoding: rest, as: UTF8.self))")
                    #expect(a.line.count == b.line.count && a.line.baseAddress == b.line.baseAddress)
                }
            }
        }
        #expect(taken > 1000)
    }

    @Test func theWritersLinesTakeTheStraightPass() {
        // A `ts` that parses, then the other members in order: read whole by the straight pass.
        let line = Array(LineScannerSlackTests.lines[0].utf8)
        let buffer = line + [UInt8](repeating: 0x20, count: 16)
        buffer.withUnsafeBufferPointer { b in
            var scanner = LineScanner()
            var record = ScannedRecord()
            record.reset(line: UnsafeRawBufferPointer(start: b.baseAddress!, count: line.count))
            let stop = scanner.scanWriterShape(b.baseAddress!, 0, line.count, readEnd: b.count, into: &record)
            #expect(stop == line.count)
            #expect(record.op?.string == "api.POST /api/v1/chat/message")
            #expect(record.durationMs == 23.468)
            #expect(record.status == 200)
            #expect(record.meta?.string == #"{"request_id":"6513270e","user_id":"u04943"}"#)
        }
    }

    /// The prefixes' words are the little-endian bytes of their text.
    @Test func memberPrefixesSpellTheirKeys() {
        func words(_ text: String) -> (UInt64, UInt64, Int) {
            var w: [UInt64] = [0, 0]
            for (k, c) in text.utf8.enumerated() { w[k / 8] |= UInt64(c) << UInt64(8 * (k % 8)) }
            return (w[0], w[1], text.utf8.count)
        }
        let expected: [(LineScanner.MemberPrefix, String)] = [
            (.ts, #"{"ts":""#), (.level, #","level":""#), (.logger, #","logger":""#), (.msg, #","msg":""#),
            (.event, #","event":""#), (.op, #","op":""#), (.durationMs, #","duration_ms":"#),
            (.outcome, #","outcome":""#), (.error, #","error":""#), (.status, #","status":"#), (.meta, #","meta":{"#),
        ]
        for (prefix, text) in expected {
            let (w0, w1, n) = words(text)
            #expect(prefix.w0 == w0 && prefix.w1 == w1 && prefix.count == n, "\(text)")
        }
    }
}
