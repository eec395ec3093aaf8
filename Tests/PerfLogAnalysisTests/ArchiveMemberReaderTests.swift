import Foundation
import Testing

@testable import PerfLog
@testable import PerfLogAnalysis

/// perflog's indexed multi-member archives, other tools' gzip, and hostile archives.
@Suite struct ArchiveMemberReaderTests {
    static let hour: Int64 = 3_600_000_000
    static let t0: Int64 = 1_795_860_000_000_000

    /// `members` perflog members of `perMember` lines each, member `i` covering hour `i`.
    static func archive(members: Int, perMember: Int) -> (bytes: [UInt8], lines: [[String]]) {
        var out: [UInt8] = []
        var all: [[String]] = []
        for i in 0..<members {
            let lines = InputFixtures.lines(perMember, prefix: "m\(i)", from: i * perMember)
            let range =
                Timestamp(microseconds: t0 + Int64(i) * hour)...Timestamp(microseconds: t0 + Int64(i) * hour + hour - 1)
            out += InputFixtures.member(InputFixtures.bytes(lines), range: range)
            all.append(lines)
        }
        return (out, all)
    }

    @Test func indexedMembersAreReadInParallelWithTheSameLinesAsOneThread() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 24, perMember: 2000)
        InputFixtures.write(bytes, to: dir + "/a.log.gz")
        for threads in [1, 2, 4] {
            let r = InputFixtures.read(dir + "/a.log.gz", threads: threads)
            #expect(r.lines.sorted() == lines.flatMap { $0 }.sorted())
            #expect(r.summary.problems.isEmpty)
            #expect(r.summary.bytesRead == UInt64(bytes.count))
            #expect(r.summary.membersSkipped == 0)
            // Line numbers come from the index chain.
            let starts = r.consumers.flatMap(\.chunkStarts).compactMap(\.0).sorted()
            #expect(starts.first == 1)
            #expect(Set(starts).isSuperset(of: Set((0..<24).map { $0 * 2000 + 1 })))
        }
    }

    @Test func membersOutsideTheTimeWindowAreSkippedWithoutInflating() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 24, perMember: 100)
        InputFixtures.write(bytes, to: dir + "/a.log.gz")
        let window =
            Timestamp(
                microseconds: Self.t0 + 5 * Self.hour + 10)...Timestamp(microseconds: Self.t0 + 6 * Self.hour + 10)
        let r = InputFixtures.read(dir + "/a.log.gz", threads: 2, window: window)
        #expect(r.lines.sorted() == (lines[5] + lines[6]).sorted())
        #expect(r.summary.membersSkipped == 22)
        #expect(r.summary.problems.isEmpty)
        #expect(r.summary.bytesRead < UInt64(bytes.count) / 5)
    }

    /// The hop hands each member to read to the readers as soon as it is known (so that they
    /// start while it goes on): exactly the members the final plan does not skip, each once, in
    /// file order, the last one late when the hop after it fails to land on a header.
    @Test func theHopReportsEachMemberToReadOnceInFileOrder() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, _) = Self.archive(members: 24, perMember: 50)
        let window =
            Timestamp(
                microseconds: Self.t0 + 5 * Self.hour + 10)...Timestamp(microseconds: Self.t0 + 6 * Self.hour + 10)
        for (name, body, expected) in [
            ("ok", bytes, [5, 6]), ("garbage", bytes + Array("not gzip".utf8), [5, 6, 23]),
        ] {
            let path = dir + "/\(name).gz"
            InputFixtures.write(body, to: path)
            let fd = open(path, O_RDONLY)
            #expect(fd >= 0)
            defer { close(fd) }
            var reported: [(Int, UInt64)] = []
            let plan = MemberPlan.make(fd: fd, fileSize: UInt64(body.count), window: window) {
                reported.append(($0, $1.offset))
            }
            #expect(plan.members.count == 24, "\(name)")
            #expect(reported.map(\.0) == expected, "\(name)")
            #expect(reported.map(\.0) == plan.members.indices.filter { !plan.members[$0].skipped }, "\(name)")
            #expect(reported.map(\.1) == reported.map { plan.members[$0.0].offset }, "\(name)")
        }
    }

    @Test func aMemberIsSkippedOnlyWhenItsHopLandsOnAHeader() throws {
        let dir = InputFixtures.tempDir()
        let early = Timestamp(microseconds: Self.t0)...Timestamp(microseconds: Self.t0 + 10)
        let late = Timestamp(microseconds: Self.t0 + Self.hour)...Timestamp(microseconds: Self.t0 + Self.hour + 10)
        let a = InputFixtures.lines(100, prefix: "a")
        let b = InputFixtures.lines(100, prefix: "b")
        let window = late
        // Honest: the early member is skipped.
        InputFixtures.write(
            InputFixtures.member(InputFixtures.bytes(a), range: early)
                + InputFixtures.member(InputFixtures.bytes(b), range: late), to: dir + "/ok.gz")
        let ok = InputFixtures.read(dir + "/ok.gz", threads: 2, window: window)
        #expect(ok.lines.sorted() == b.sorted())
        #expect(ok.summary.membersSkipped == 1)
        // Its size lies: the hop lands inside the next member, so it is read, and the lie reported.
        InputFixtures.write(
            InputFixtures.member(InputFixtures.bytes(a), range: early, sizeDelta: 10)
                + InputFixtures.member(InputFixtures.bytes(b), range: late),
            to: dir + "/lie.gz")
        let lie = InputFixtures.read(dir + "/lie.gz", threads: 2, window: window)
        #expect(lie.lines.sorted() == (a + b).sorted())
        #expect(lie.summary.membersSkipped == 0)
        #expect(lie.summary.problems.count == 1)
    }

    @Test func membersFromDifferentToolsConcatenatedAreAllRead() throws {
        let dir = InputFixtures.tempDir()
        let a = InputFixtures.lines(3000, prefix: "a")
        let b = InputFixtures.lines(3000, prefix: "b")
        let c = InputFixtures.lines(3000, prefix: "c")
        let d = InputFixtures.lines(3000, prefix: "d")
        let e = InputFixtures.lines(3000, prefix: "e")
        let gz =
            InputFixtures.compress(InputFixtures.bytes(b), tool: "gzip", arguments: ["-c", "-9"])
            ?? InputFixtures.plainMember(InputFixtures.bytes(b))
        let pz =
            InputFixtures.compress(InputFixtures.bytes(d), tool: "pigz", arguments: ["-c", "-i", "-b", "32"])
            ?? InputFixtures.plainMember(InputFixtures.bytes(d))
        let file =
            InputFixtures.member(InputFixtures.bytes(a)) + gz + InputFixtures.member(InputFixtures.bytes(c)) + pz
            + InputFixtures.plainMember(InputFixtures.bytes(e))
        InputFixtures.write(file, to: dir + "/mixed.gz")
        for threads in [1, 2] {
            let r = InputFixtures.read(dir + "/mixed.gz", threads: threads)
            #expect(r.lines.sorted() == (a + b + c + d + e).sorted())
            #expect(r.summary.problems.isEmpty)
        }
    }

    @Test func zeroLengthGzipIsReportedWithNoLines() throws {
        let dir = InputFixtures.tempDir()
        InputFixtures.write([], to: dir + "/empty.log.gz")
        let r = InputFixtures.read(dir + "/empty.log.gz", threads: 2)
        #expect(r.lines.isEmpty)
        #expect(r.summary.problems.map(\.message) == ["empty file (a gzip archive holds at least one member)"])
    }

    @Test func trailingGarbageIsReportedAfterEveryLine() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 3, perMember: 100)
        for (name, tail) in [("garbage", Array("this is not gzip".utf8)), ("zeros", [UInt8](repeating: 0, count: 512))]
        {
            for (kind, body) in [
                ("indexed", bytes), ("plain", InputFixtures.plainMember(InputFixtures.bytes(lines.flatMap { $0 }))),
            ] {
                InputFixtures.write(body + tail, to: dir + "/\(name)-\(kind).gz")
                for threads in [1, 2] {
                    let r = InputFixtures.read(dir + "/\(name)-\(kind).gz", threads: threads)
                    #expect(r.lines.sorted() == lines.flatMap { $0 }.sorted(), "\(name) \(kind)")
                    if name == "zeros" {
                        #expect(r.summary.problems.isEmpty)
                    } else {
                        #expect(
                            r.summary.problems.map(\.message) == [
                                "garbage after the last gzip member at byte \(body.count); ignored"
                            ])
                        #expect(r.summary.problems.first?.offset == UInt64(body.count))
                    }
                }
            }
        }
    }

    @Test func truncatedArchivesAreReadUpToTheBreak() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 4, perMember: 3000)
        let memberSize = bytes.count / 4
        for cut in [bytes.count - 3, bytes.count - 8, bytes.count - 500, 3 * memberSize + 30] {
            InputFixtures.write(Array(bytes[0..<cut]), to: dir + "/cut.gz")
            let r = InputFixtures.read(dir + "/cut.gz", threads: 2)
            let complete = lines[0..<3].flatMap { $0 }
            let got = Set(r.lines)
            #expect(got.isSuperset(of: complete))
            // Whatever was read of the last member is a prefix of it (the torn last line aside).
            let completeSet = Set(complete)
            let fromLast = r.lines.filter { !completeSet.contains($0) }
            let intact = fromLast.filter { lines[3].contains($0) }
            #expect(fromLast.count - intact.count <= 1)
            #expect(r.lines.count - complete.count == fromLast.count)
            #expect(r.summary.problems.count == 1)
            #expect(r.summary.problems.first?.message.contains("truncated gzip") == true)
            #expect(r.summary.problems.first?.message.hasSuffix("read up to the break") == true)
        }
    }

    @Test func corruptedCRCAndWrongISIZEAreReportedAndTheNextMembersRead() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 3, perMember: 500)
        let m0 = InputFixtures.member(InputFixtures.bytes(lines[0]), range: nil)
        let m0End = m0.count
        for (name, at) in [("crc", m0End - 8), ("isize", m0End - 3)] {
            for (kind, file) in [
                ("indexed", bytes),
                ("plain", InputFixtures.plainMember(InputFixtures.bytes(lines[0])) + Array(bytes[m0End...])),
            ] {
                var bad = file
                let pos =
                    kind == "indexed"
                    ? at : at - (m0End - InputFixtures.plainMember(InputFixtures.bytes(lines[0])).count)
                bad[pos] ^= 0x5A
                InputFixtures.write(bad, to: dir + "/\(name)-\(kind).gz")
                for threads in [1, 2] {
                    let r = InputFixtures.read(dir + "/\(name)-\(kind).gz", threads: threads)
                    #expect(r.lines.sorted() == lines.flatMap { $0 }.sorted(), "\(name) \(kind)")
                    #expect(r.summary.problems.count == 1)
                    let msg = r.summary.problems.first?.message ?? ""
                    #expect(msg.hasPrefix(name == "crc" ? "CRC-32 mismatch" : "ISIZE mismatch"), "\(msg)")
                }
            }
        }
    }

    @Test func corruptDeflateDataIsReportedAndLaterIndexedMembersStillRead() throws {
        let dir = InputFixtures.tempDir()
        let (bytes, lines) = Self.archive(members: 3, perMember: 2000)
        let m0 = InputFixtures.member(InputFixtures.bytes(lines[0]))
        var bad = bytes
        for i in (m0.count / 2)..<(m0.count / 2 + 64) { bad[i] = 0xFF }
        InputFixtures.write(bad, to: dir + "/bad.gz")
        let r = InputFixtures.read(dir + "/bad.gz", threads: 2)
        #expect(Set(r.lines).isSuperset(of: lines[1] + lines[2]))
        #expect(r.summary.problems.count >= 1)
        #expect(r.summary.isIncomplete)
    }

    @Test func aLyingIndexNeverSkipsOrRepeatsALine() throws {
        let dir = InputFixtures.tempDir()
        let parts = (0..<5).map { InputFixtures.lines(1000, prefix: "p\($0)", from: $0 * 1000) }
        let honest = parts.map { InputFixtures.member(InputFixtures.bytes($0)) }
        let all = parts.flatMap { $0 }.sorted()
        var cases: [(String, [[UInt8]], String)] = []
        // Sizes that point inside the next member, before this one ends, past the end of the file.
        for delta: Int64 in [+10, -10, -1, +1, 1 << 40] {
            var m = honest
            m[1] = InputFixtures.member(InputFixtures.bytes(parts[1]), sizeDelta: delta)
            cases.append(("size \(delta)", m, "says it is"))
        }
        // A size that spans two members, so that a hop lands exactly on a valid later header.
        var skip = honest
        skip[1] = InputFixtures.member(InputFixtures.bytes(parts[1]), sizeDelta: Int64(honest[2].count))
        cases.append(("skips a member", skip, "says it is"))
        var usize = honest
        usize[2] = InputFixtures.member(InputFixtures.bytes(parts[2]), uncompressedDelta: 7)
        cases.append(("uncompressed size", usize, "uncompressed bytes"))
        var count = honest
        count[3] = InputFixtures.member(InputFixtures.bytes(parts[3]), linesDelta: -3)
        cases.append(("line count", count, "lines"))
        var times = honest
        times[0] = InputFixtures.member(
            InputFixtures.bytes(parts[0]), range: Timestamp(microseconds: 0)...Timestamp(microseconds: 1))
        cases.append(("timestamps", times, ""))
        for (name, members, problem) in cases {
            InputFixtures.write(members.flatMap { $0 }, to: dir + "/lie.gz")
            for threads in [1, 2, 3] {
                let r = InputFixtures.read(dir + "/lie.gz", threads: threads)
                #expect(r.lines.count == all.count, "\(name) threads \(threads)")
                #expect(r.lines.sorted() == all, "\(name) threads \(threads)")
                if problem.isEmpty {
                    #expect(r.summary.problems.isEmpty, "\(name)")
                } else {
                    #expect(r.summary.problems.count == 1, "\(name): \(r.summary.problems)")
                    #expect(
                        r.summary.problems.first?.message.contains(problem) == true, "\(name): \(r.summary.problems)")
                }
            }
        }
    }
}
