import Foundation
import PerfLog
import Testing

@testable import PerfLogAnalysis

/// The hostile input corpus (issue 7): every input is fed through the analyzer's input layer and
/// line scanner, as `perflog analyze` reads it. For each: no crash, memory bounded, the good
/// lines counted exactly, the bad ones reported.
@Suite(.serialized) struct HostileInputTests {
    @Test func invalidUTF8InsideStringsIsKeptAndOutsideIsMalformed() {
        var bytes = Hostile.goodLines(3)
        bytes +=
            Array(#"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"bad "#.utf8) + [0xFF, 0xFE, 0xC3]
            + Array("\"}\n".utf8)
        bytes += [0x7B, 0xFF, 0x7D, 0x0A]  // {<FF>}
        bytes += [0xC0, 0xAF, 0x0A]  // an overlong '/' alone on a line
        bytes += Hostile.goodLines(2, from: 3)
        for threads in [1, 2] {
            let s = Hostile.scan(Hostile.file("utf8.ndjson", bytes), threads: threads)
            #expect(s.records == 6)
            #expect(s.malformed.count == 2)
            #expect(s.msgs.contains("bad \u{FFFD}\u{FFFD}\u{FFFD}"))
            #expect(s.problems.isEmpty)
        }
    }

    @Test func nulBytesMakeTheirLineMalformedAndNothingElse() {
        var bytes = Hostile.goodLines(2)
        bytes +=
            Array(#"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"a"#.utf8) + [0]
            + Array("b\"}\n".utf8)
        bytes += [UInt8](repeating: 0, count: 4096) + [0x0A]  // a zero-filled block after a crash
        bytes += [0, 0] + Array(Hostile.line(9).utf8) + [0x0A]
        bytes += Hostile.goodLines(2, from: 2)
        let s = Hostile.scan(Hostile.file("nul.ndjson", bytes))
        #expect(s.records == 4)
        #expect(
            s.malformed.sorted { $0.rawValue < $1.rawValue }
                == [.controlCharacterInString, .notAnObject, .notAnObject].sorted { $0.rawValue < $1.rawValue })
    }

    @Test func aFiftyMegabyteLineIsSkippedAndReportedWithMemoryBounded() throws {
        let dir = InputFixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/huge.ndjson"
        // Written in 1 MiB pieces so that the test itself never holds the line.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        func put(_ b: [UInt8]) { b.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) } }
        put(Hostile.goodLines(1))
        put(Array(#"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":""#.utf8))
        let piece = [UInt8](repeating: 0x61, count: 1 << 20)
        for _ in 0..<50 { put(piece) }
        put(Array("\"}\n".utf8))
        put(Hostile.goodLines(1, from: 1))
        close(fd)
        let before = Hostile.peakRSS()
        for threads in [1, 2] {
            let s = Hostile.scan(path, threads: threads)
            #expect(s.records == 2)
            #expect(s.oversized.count == 1)
            #expect(s.oversized.first.map { $0 >= 50 << 20 } == true)
        }
        let grown = Hostile.peakRSS() - before
        #expect(grown < 64 << 20, "peak RSS grew by \(grown >> 20) MiB")
    }

    @Test func jsonNestedOneHundredThousandLevelsDeepIsMalformedNotACrash() {
        var bytes = Hostile.goodLines(1)
        bytes += Array(#"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"d","meta":"#.utf8)
        bytes += [UInt8](repeating: 0x5B, count: 100_000) + [UInt8](repeating: 0x5D, count: 100_000) + [0x7D, 0x0A]
        bytes +=
            Array(#"{"a":"#.utf8) + Array(repeating: Array(#"{"a":"#.utf8), count: 100_000).flatMap { $0 } + [0x31]
            + [UInt8](repeating: 0x7D, count: 100_001) + [0x0A]
        bytes += Hostile.goodLines(1, from: 1)
        let s = Hostile.scan(Hostile.file("deep.ndjson", bytes))
        #expect(s.records == 2)
        #expect(s.malformed == [.nestingTooDeep, .nestingTooDeep])
    }

    @Test func hugeNumbersAndExponentsNeverBecomeDurations() {
        let lines = [
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"a","event":"perf","op":"x","duration_ms":1e999}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"b","event":"perf","op":"x","duration_ms":-1e999}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"c","event":"perf","op":"x","duration_ms":123456789012345678901234567890}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"d","event":"perf","op":"x","duration_ms":1e-999,"status":99999999999999999999999}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"e","event":"perf","op":"x","duration_ms":1E+2}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"f","event":"perf","op":"x","duration_ms":1e}"#,
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"g","event":"perf","op":"x","duration_ms":01}"#,
        ]
        let s = Hostile.scan(Hostile.file("numbers.ndjson", Array(lines.map { $0 + "\n" }.joined().utf8)), threads: 1)
        #expect(s.records == 5)
        #expect(s.malformed == [.invalidNumber, .unexpectedByte])  // `1e`; `01` stops after the 0
        // Infinite and negative durations are dropped (nil), never fed to the statistics.
        #expect(s.durations.count == 5)
        #expect(s.durations[0] == nil)
        #expect(s.durations[1] == nil)
        #expect(s.durations[2] == 123456789012345678901234567890.0)
        #expect(s.durations[3] == 0)
        #expect(s.durations[4] == 100)
        #expect(s.durations.allSatisfy { $0.map(\.isFinite) ?? true })
    }

    @Test func duplicateKeysTakeTheLastValue() {
        let line =
            #"{"ts":"2026-11-28T10:00:00Z","level":"info","logger":"t","msg":"m","event":"perf","op":"first","op":"second","duration_ms":1,"duration_ms":2}"#
        let s = Hostile.scan(Hostile.file("dup.ndjson", Array((line + "\n").utf8)), threads: 1)
        #expect(s.records == 1)
        #expect(s.ops == ["second"])
        #expect(s.durations == [2])
    }

    @Test func aByteOrderMarkAndCRLFLineEndsAreAccepted() {
        let text = "\u{FEFF}" + Hostile.line(0) + "\r\n" + Hostile.line(1) + "\r\n\r\n" + Hostile.line(2) + "\r\n"
        for threads in [1, 2] {
            let s = Hostile.scan(Hostile.file("crlf.ndjson", Array(text.utf8)), threads: threads)
            #expect(s.records == 3)
            #expect(s.blank == 1)
            #expect(s.malformed.isEmpty)
            #expect(s.msgs == ["ok", "ok", "ok"])
        }
    }

    @Test func emptyFilesGiveNothingAndAZeroLengthGzipIsReported() {
        let plain = Hostile.scan(Hostile.file("empty.ndjson", []))
        #expect(plain.records == 0 && plain.malformed.isEmpty && plain.problems.isEmpty)
        let gz = Hostile.scan(Hostile.file("empty.gz", []))
        #expect(gz.records == 0)
        #expect(gz.problems.count == 1)
        #expect(gz.problems.first?.file.hasSuffix("empty.gz") == true)
    }

    @Test func gzipWithTrailingGarbageCountsEveryLineAndReportsTheGarbage() {
        let member = InputFixtures.member(Hostile.goodLines(100))
        // Zero padding (as tape and some tools leave) is accepted silently, as gzip does.
        for (garbage, reported) in [(Array("garbage\n".utf8), 1), ([0, 0, 0, 0], 0), ([0x1F, 0x8B, 8, 0, 0], 1)] {
            for threads in [1, 2] {
                let s = Hostile.scan(Hostile.file("garbage.gz", member + member + garbage), threads: threads)
                #expect(s.records == 200)
                #expect(s.malformed.isEmpty)
                #expect(s.problems.count == reported, "\(garbage): \(s.problems)")
            }
        }
    }

    @Test func membersConcatenatedByDifferentToolsAreAllCounted() throws {
        var bytes = InputFixtures.member(Hostile.goodLines(100, from: 0))
        bytes += InputFixtures.plainMember(Hostile.goodLines(100, from: 100))
        var expected = 200
        if let g = InputFixtures.compress(Hostile.goodLines(100, from: 200), tool: "gzip") {
            bytes += g
            expected += 100
        }
        if let p = InputFixtures.compress(Hostile.goodLines(100, from: 300), tool: "pigz") {
            bytes += p
            expected += 100
        }
        bytes += InputFixtures.member(Hostile.goodLines(100, from: 400))
        expected += 100
        for threads in [1, 2, 3] {
            let s = Hostile.scan(Hostile.file("mixed.gz", bytes), threads: threads)
            #expect(s.records == expected)
            #expect(s.malformed.isEmpty)
            #expect(s.problems.isEmpty, "\(s.problems)")
        }
    }

    @Test func truncatedMembersKeepEveryCompleteLineBeforeTheBreak() {
        let first = InputFixtures.member(Hostile.goodLines(500, from: 0))
        let second = InputFixtures.member(Hostile.goodLines(500, from: 500))
        for cut in [1, 8, 9, second.count / 2, second.count - 70] {
            for threads in [1, 2] {
                let s = Hostile.scan(Hostile.file("cut.gz", first + second.dropLast(cut)), threads: threads)
                #expect(s.records >= 500, "cut \(cut)")
                #expect(s.records <= 1000)
                #expect(s.malformed.count <= 1, "a torn last line at most")
                #expect(s.problems.count == 1, "cut \(cut): \(s.problems)")
            }
        }
    }

    @Test func aCorruptedCRCOrAWrongISIZEIsReportedAndTheOtherMembersCounted() {
        let members = (0..<3).map { InputFixtures.member(Hostile.goodLines(100, from: $0 * 100)) }
        for (what, offset) in [("CRC", 6), ("ISIZE", 2)] {
            let bad = members[0] + Hostile.corrupted(members[1], offsetFromEnd: offset) + members[2]
            for threads in [1, 2] {
                let s = Hostile.scan(Hostile.file("bad.gz", bad), threads: threads)
                #expect(s.records >= 200, "\(what)")
                #expect(s.records <= 300, "\(what)")
                #expect(s.problems.count == 1, "\(what): \(s.problems)")
            }
        }
    }

    @Test func aLyingIndexNeverHidesGoodLines() {
        let payloads = (0..<4).map { Hostile.goodLines(250, from: $0 * 250) }
        let honest = payloads.map { InputFixtures.member($0) }
        let lies: [(String, [[UInt8]])] = [
            ("size too small", [honest[0], InputFixtures.member(payloads[1], sizeDelta: -17), honest[2], honest[3]]),
            ("size too large", [honest[0], InputFixtures.member(payloads[1], sizeDelta: 23), honest[2], honest[3]]),
            (
                "size past the end",
                [honest[0], honest[1], honest[2], InputFixtures.member(payloads[3], sizeDelta: 1 << 40)]
            ),
            (
                "uncompressed size",
                [InputFixtures.member(payloads[0], uncompressedDelta: -100), honest[1], honest[2], honest[3]]
            ),
            (
                "line count",
                [honest[0], honest[1], InputFixtures.member(payloads[2], linesDelta: 1_000_000), honest[3]]
            ),
        ]
        for (name, members) in lies {
            for threads in [1, 2, 3] {
                let s = Hostile.scan(Hostile.file("lie.gz", members.flatMap { $0 }), threads: threads)
                #expect(s.records == 1000, "\(name), threads \(threads)")
                #expect(s.problems.count == 1, "\(name): \(s.problems)")
            }
        }
    }

    @Test func aLyingTimeRangeWithoutAWindowReadsEverything() {
        // The timestamps in an index cannot be checked without inflating (docs/FORMAT.md 2.4):
        // without --since/--until every member is read whatever its index claims.
        let early = Timestamp(microseconds: 0)...Timestamp(microseconds: 1)
        let backwards = InputFixtures.member(Hostile.goodLines(250, from: 250), range: early)
        let bytes = InputFixtures.member(Hostile.goodLines(250)) + backwards
        let s = Hostile.scan(Hostile.file("time.gz", bytes))
        #expect(s.records == 500)
        #expect(s.problems.isEmpty)
    }
}
