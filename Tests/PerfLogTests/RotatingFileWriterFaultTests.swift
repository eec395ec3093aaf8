import Foundation
import Testing

@testable import PerfLog

@Suite(.serialized) struct RotatingFileWriterFaultTests {
    typealias F = WriterFixture

    @Test func theDirectoryRemovedWhileWritingIsCreatedAgainAndWritingGoesOn() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        F.write(w, F.line(seq: 0))
        w.flush()
        try FileManager.default.removeItem(atPath: dir)
        for i in 1...3 { F.write(w, F.line(seq: i)) }
        w.flush()
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [1, 2, 3])
        w.close()
    }

    @Test func aFailedRenameKeepsTheActiveFileAndLosesNothing() throws {
        let dir = try F.directory()
        defer {
            _ = try? F.shell("chattr -i \(dir)")
            try? FileManager.default.removeItem(atPath: dir)
        }
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        for i in 0..<10 { F.write(w, F.line(seq: i)) }
        w.flush()
        // An immutable directory refuses renames and creations (even to root) while the open
        // active file can still be appended to: exactly a rename that fails during rotation.
        let (rc, out) = try F.shell("chattr +i \(dir)")
        guard rc == 0 else {
            print(
                "RotatingFileWriterFaultTests: skipping the failed-rename test: chattr is not available here (\(out))")
            w.close()
            return
        }
        w.rotate()
        for i in 10..<20 { F.write(w, F.line(seq: i)) }
        w.waitUntilIdle()
        let failed = w.statistics()
        #expect(failed.rotations == 0)
        #expect(failed.failures >= 1)
        #expect(failed.lastError != nil)
        #expect(failed.linesLostToErrors == 0)
        #expect(try F.files(dir) == ["app.log"])
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<20))
        // Once renames work again, rotation goes on and every line is still there exactly once.
        _ = try F.shell("chattr -i \(dir)")
        w.rotate()
        for i in 20..<25 { F.write(w, F.line(seq: i)) }
        w.waitUntilIdle()
        #expect(w.statistics().rotations == 1)
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<25))
        w.close()
    }

    @Test func aFullDiskIsCountedReportedAndWritingResumesWhenSpaceReturns() throws {
        let mountPoint = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let (rc, out) = try F.shell("mount -t tmpfs -o size=1m perflog-test \(mountPoint)")
        guard rc == 0 else {
            print("RotatingFileWriterFaultTests: skipping the disk-full test: cannot mount a tmpfs here (\(out))")
            return
        }
        defer { _ = try? F.shell("umount \(mountPoint)") }
        let dir = mountPoint + "/logs"
        // Leave about 64 KiB free.
        try F.shell("mkdir -p \(dir) && head -c 950000 /dev/zero > \(mountPoint)/filler")
        var c = F.configuration(dir, clock: ManualClock(F.t0))
        c.rotation.maxBytes = 32 * 1024
        c.compressionLevel = 1
        let w = try RotatingFileWriter(configuration: c)
        var seq = 0
        for _ in 0..<2000 {
            F.write(w, F.line(seq: seq))
            seq += 1
        }
        w.waitUntilIdle()
        let failed = w.statistics()
        #expect(failed.linesLostToErrors > 0)
        #expect(failed.failures > 0)
        #expect(failed.lastError != nil)
        // Space returns.
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        for _ in 0..<100 {
            F.write(w, F.line(seq: seq))
            seq += 1
        }
        w.rotate()
        F.write(w, F.line(seq: seq))
        seq += 1
        w.waitUntilIdle()
        let s = w.statistics()
        #expect(s.isWriting)
        let lines = try F.allLines(dir)
        var reported = 0
        for l in lines where l.contains(#""event":"dropped""#) {
            reported += (try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any])["count"] as! Int
        }
        let seqs = try F.sequenceNumbers(lines)  // every line parses: no torn line was left behind
        #expect(UInt64(seqs.count) + s.linesLostToErrors == UInt64(seq))
        #expect(UInt64(reported) == s.linesLostToErrors)
        #expect(Set(seqs).count == seqs.count)
        #expect(seqs.suffix(101) == ArraySlice((seq - 101)..<seq))  // everything after space returned is there
        for f in try F.files(dir) where f.hasSuffix(".gz") {
            #expect(try F.shell("gzip -t \(dir)/\(f)").0 == 0, "\(f) is corrupt")
            #expect(try FileManager.default.attributesOfItem(atPath: dir + "/" + f)[.size] as! Int > 0)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") } == [])
        w.close()
    }
}
