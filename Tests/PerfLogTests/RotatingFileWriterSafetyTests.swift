import Foundation
import Testing

@testable import PerfLog

@Suite struct RotatingFileWriterSafetyTests {
    typealias F = WriterFixture

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test func filesAreCreated0640AndDirectories0750() throws {
        let root = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/a/b"
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        F.write(w, F.line(seq: 0))
        w.rotate()
        F.write(w, F.line(seq: 1))
        w.waitUntilIdle()
        #expect(try Self.mode(root + "/a") == 0o750)
        #expect(try Self.mode(dir) == 0o750)
        #expect(try Self.mode(dir + "/app.log") == 0o640)
        #expect(try Self.mode(dir + "/app-2026-11-28T10-00-00.000Z.log.gz") == 0o640)
        #expect(try Self.mode(dir + "/.app.lock") == 0o640)
        w.close()
    }

    @Test func aSymlinkAtTheActivePathIsRefusedNotFollowed() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: dir + "/app.log", withDestinationPath: target)
        #expect { try RotatingFileWriter(configuration: F.configuration(dir)) } throws: { e in
            let w = e as? WriterError
            return w?.isSymlinkRefusal == true && w!.description.contains("app.log")
                && w!.description.contains("symbolic link")
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aSymlinkPlantedAtASegmentNameIsNeverWrittenThrough() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        let name = SegmentName(base: "app", time: F.t0, sequence: 0)
        for planted in [name.plainFileName, name.archiveFileName, name.temporaryFileName] {
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + planted, withDestinationPath: target)
        }
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        F.write(w, F.line(seq: 0))
        w.rotate()
        w.waitUntilIdle()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/app-2026-11-28T10-00-00.000Z_001.log.gz"))
        w.close()
    }

    @Test func aSecondWriterForTheSameLogIsRefusedWithAClearError() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try RotatingFileWriter(configuration: F.configuration(dir))
        #expect { try RotatingFileWriter(configuration: F.configuration(dir)) } throws: { e in
            (e as? WriterError)?.isLocked == true && "\(e)".contains("another perflog writer")
        }
        // Another process is refused too.
        let (status, _) = try F.shell("flock -n \(dir)/.app.lock true")
        #expect(status != 0)
        first.close()
        let second = try RotatingFileWriter(configuration: F.configuration(dir))
        second.close()
    }
}
