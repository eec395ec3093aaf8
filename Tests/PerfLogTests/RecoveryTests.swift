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
        // c: rotated, not yet compressed.
        try Self.put(dir, c.plainFileName, F.line(seq: 4))
        // the active file ends in a torn line.
        try Self.put(dir, "app.log", F.line(seq: 5) + Array(#"{"ts":"2026-11-28T10:0"#.utf8))

        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(Timestamp(microseconds: F.t0.microseconds + 600_000_000))))
        F.write(w, F.line(seq: 6))
        w.waitUntilIdle()
        #expect(try F.files(dir) == [a.archiveFileName, b.archiveFileName, c.archiveFileName, "app.log"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + b.temporaryFileName))
        let active = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/app.log")), as: UTF8.self)
        let activeLines = active.split(separator: "\n").map(String.init)
        #expect(activeLines.count == 3)
        #expect(activeLines[1] == #"{"ts":"2026-11-28T10:0"#)  // terminated, not merged with the next record
        let all = try F.allLines(dir).filter { $0 != #"{"ts":"2026-11-28T10:0"# }
        #expect(try F.sequenceNumbers(all) == [0, 1, 2, 3, 4, 5, 6])
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
