import Foundation
import Testing

@testable import PerfLog

@Suite struct RecoveryTests {
    typealias F = WriterFixture

    static func put(_ dir: String, _ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    @Test func leftoversOfACrashAreRepairedAtStartWithoutDuplicates() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = SegmentName(base: "app", time: F.t0, sequence: 0)
        let b = SegmentName(base: "app", time: Timestamp(microseconds: F.t0.microseconds + 60_000_000), sequence: 0)
        let c = SegmentName(base: "app", time: Timestamp(microseconds: F.t0.microseconds + 120_000_000), sequence: 0)
        // a: compressed and renamed, but the plain copy was not yet removed.
        let aLines = F.line(seq: 0) + F.line(seq: 1)
        nonisolated(unsafe) var aGz: [UInt8] = []
        let aw = try ArchiveWriter { aGz += $0 }
        try aLines.withUnsafeBytes { try aw.append($0) }
        try aw.finish()
        try Self.put(dir, a.archiveFileName, aGz)
        try Self.put(dir, a.plainFileName, aLines)
        // b: rotated, compression was interrupted (a torn temporary).
        try Self.put(dir, b.plainFileName, F.line(seq: 2) + F.line(seq: 3))
        try Self.put(dir, b.temporaryFileName, Array(aGz.prefix(20)))
        // c: rotated, not yet compressed, and it ends in a torn line too.
        let cTorn = Array(#"{"ts":"2026-11-28T10:01"#.utf8)
        try Self.put(dir, c.plainFileName, F.line(seq: 4) + cTorn)
        // the active file ends in a torn line.
        let activeTorn = Array(#"{"ts":"2026-11-28T10:0"#.utf8)
        try Self.put(dir, "app.log", F.line(seq: 5) + activeTorn)

        let now = Timestamp(microseconds: F.t0.microseconds + 600_000_000)
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(now)))
        F.write(w, F.line(seq: 6))
        w.waitUntilIdle()
        #expect(try F.files(dir) == [a.archiveFileName, b.archiveFileName, c.archiveFileName, "app.log"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + b.temporaryFileName))
        // The torn fragments are cut, not kept: one `recovered` record per file says what was cut.
        let active = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/app.log")), as: UTF8.self)
        #expect(
            active.split(separator: "\n").map(String.init) == [
                String(decoding: F.line(seq: 5).dropLast(), as: UTF8.self),
                #"{"ts":"2026-11-28T10:10:00.000000Z","level":"warning","logger":"perflog","msg":"torn line cut at recovery","event":"recovered","file":"\#(c.plainFileName)","bytes":\#(cTorn.count)}"#,
                #"{"ts":"2026-11-28T10:10:00.000000Z","level":"warning","logger":"perflog","msg":"torn line cut at recovery","event":"recovered","file":"app.log","bytes":\#(activeTorn.count)}"#,
                String(decoding: F.line(seq: 6).dropLast(), as: UTF8.self),
            ])
        let all = try F.allLines(dir)
        #expect(try F.sequenceNumbers(all) == [0, 1, 2, 3, 4, 5, 6])  // every line parses
        #expect(
            String(decoding: try F.gunzip(dir + "/" + c.archiveFileName), as: UTF8.self)
                == String(decoding: F.line(seq: 4), as: UTF8.self))
        #expect(w.statistics().segmentsCompressed == 2)
        // New segments sort after the recovered ones.
        w.rotate()
        w.waitUntilIdle()
        let names = try F.files(dir).filter { $0.hasSuffix(".gz") }
        #expect(names.count == 4)
        #expect(names == names.sorted())
        #expect(names.last! > c.archiveFileName)
        w.close()
    }

    @Test func aTornTailLongerThanOneReadBlockIsCutWhole() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let torn =
            Array(#"{"ts":"2026-11-28T10:00:00.000000Z","msg":""#.utf8) + [UInt8](repeating: 0x61, count: 200_000)
        try Self.put(dir, "app.log", F.line(seq: 0) + F.line(seq: 1) + torn)
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        w.close()
        let lines = try F.allLines(dir)
        #expect(lines.count == 3)
        #expect(try F.sequenceNumbers(lines) == [0, 1])
        #expect(lines[2].hasSuffix(#""event":"recovered","file":"app.log","bytes":\#(torn.count)}"#))
    }

    @Test func anActiveFileHoldingOnlyAFragmentIsCutToNothing() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.put(dir, "app.log", Array(#"{"ts":"2026"#.utf8))
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        F.write(w, F.line(seq: 0))
        w.close()
        let lines = try F.allLines(dir)
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(#""event":"recovered","file":"app.log","bytes":11}"#))
        #expect(try F.sequenceNumbers(lines) == [0])
    }

    @Test func aFakeArchiveBesideAPendingSegmentIsReplacedNotTrusted() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let names = (0..<4).map {
            SegmentName(
                base: "app", time: Timestamp(microseconds: F.t0.microseconds + Int64($0) * 60_000_000), sequence: 0)
        }
        for (i, n) in names.enumerated() {
            try Self.put(dir, n.plainFileName, F.line(seq: 2 * i) + F.line(seq: 2 * i + 1))
        }
        // 0: an empty file; 1: a dangling symlink; 2: a valid archive of other data; 3: a torn archive.
        try Self.put(dir, names[0].archiveFileName, [])
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/" + names[1].archiveFileName, withDestinationPath: dir + "/nowhere")
        nonisolated(unsafe) var other: [UInt8] = []
        let aw = try ArchiveWriter { other += $0 }
        try F.line(seq: 99).withUnsafeBytes { try aw.append($0) }
        try aw.finish()
        try Self.put(dir, names[2].archiveFileName, other)
        nonisolated(unsafe) var real: [UInt8] = []
        let rw = try ArchiveWriter { real += $0 }
        try (F.line(seq: 6) + F.line(seq: 7)).withUnsafeBytes { try rw.append($0) }
        try rw.finish()
        try Self.put(dir, names[3].archiveFileName, Array(real.dropLast(3)))

        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        w.waitUntilIdle()
        w.close()
        #expect(try F.files(dir) == names.map(\.archiveFileName) + ["app.log"])
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<8))
        for n in names { try F.verifyIndexes(dir + "/" + n.archiveFileName) }
    }

    @Test func theActiveFileIsContinuedAcrossARestart() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for round in 0..<3 {
            let w = try RotatingFileWriter(configuration: F.configuration(dir))
            for i in 0..<10 { F.write(w, F.line(seq: round * 10 + i)) }
            w.close()
        }
        #expect(try F.files(dir) == ["app.log"])
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<30))
    }

    @Test func aFileContinuedFromAnEarlierIntervalIsRotatedAtStart() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.put(dir, "app.log", F.line(seq: 0))
        // The file's mtime is now (real clock); the injected clock is a day later.
        let clock = ManualClock(Timestamp(microseconds: Timestamp.now().microseconds + 86_400_000_000))
        var c = F.configuration(dir, clock: clock)
        c.rotation.interval = .hourly
        let w = try RotatingFileWriter(configuration: c)
        F.write(w, F.line(seq: 1))
        w.waitUntilIdle()
        #expect(try F.files(dir).filter { $0.hasSuffix(".gz") }.count == 1)
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [0, 1])
        w.close()
    }
}
