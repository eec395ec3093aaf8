import Foundation
import Synchronization
import Testing

@testable import PerfLog

/// Files planted or swapped at the active path: FIFOs, directories, other users' files, hard
/// links. The writer refuses them, never blocks, and counts every line it could not keep.
@Suite struct RotatingFileWriterHostileFileTests {
    typealias F = WriterFixture

    /// Runs `body` on its own thread; records an issue if it has not returned after `seconds`
    /// (a hang becomes a failure, not a stuck test run).
    static func finishes(within seconds: Double, _ what: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            Issue.record("\(what) did not return within \(seconds) s")
            return false
        }
        return true
    }

    static func lines(_ n: Range<Int>) -> [[UInt8]] { n.map { F.line(seq: $0, pad: 100) } }

    static func droppedCounts(_ lines: [String]) -> [Int] {
        lines.compactMap { l in
            guard l.contains(#""event":"dropped""#), let r = l.range(of: #""count":"#) else { return nil }
            return Int(l[r.upperBound...].dropLast())
        }
    }

    @Test func aFIFOSwappedInForTheActiveFileIsRefusedAndLoggingNeverBlocks() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        defer { w.close() }
        F.write(w, F.line(seq: 0))
        w.flush()
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        #expect(mkfifo(dir + "/app.log", 0o644) == 0)
        // 2,000 lines of ~220 bytes: far more than a pipe holds.
        let ok = Self.finishes(within: 30, "logging into a FIFO and flush()") {
            for l in Self.lines(1..<2001) { F.write(w, l) }
            w.flush()
        }
        guard ok else { return }
        let s = w.statistics()
        #expect(s.linesLostToErrors == 2000)
        #expect(s.lastError?.isUnsafeFileRefusal == true)
        #expect(s.lastError?.description == "refusing to use \(dir)/app.log: it is a FIFO, not a regular file")
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        F.write(w, F.line(seq: 2001))
        w.flush()
        let kept = try F.allLines(dir)
        #expect(Self.droppedCounts(kept) == [2000])
        #expect(try F.sequenceNumbers(kept) == [2001])
    }

    @Test(arguments: ["app.log", ".app.lock"])
    func aFIFOAtTheActivePathOrLockPathIsRefusedAtStart(_ name: String) throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/" + name, 0o644) == 0)
        let outcome = Mutex<String?>(nil)
        let ok = Self.finishes(within: 30, "starting on a FIFO at \(name)") {
            do {
                let w = try RotatingFileWriter(configuration: F.configuration(dir))
                w.close()
                outcome.withLock { $0 = "started" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
        }
        guard ok else { return }
        #expect(outcome.withLock { $0 } == "refusing to use \(dir)/\(name): it is a FIFO, not a regular file")
    }

    @Test func aDeletedActiveFileWithADirectoryAtItsNameCountsEveryLostLine() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.compress = false
        let w = try RotatingFileWriter(configuration: c)
        defer { w.close() }
        for l in Self.lines(0..<1000) { F.write(w, l) }
        w.flush()
        w.rotate()
        w.flush()
        // Delete the active file and put a directory at its name (renamed in: no window in
        // which the writer could create the file again).
        try FileManager.default.createDirectory(atPath: dir + "/incoming", withIntermediateDirectories: false)
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        #expect(rename(dir + "/incoming", dir + "/app.log") == 0)
        for (i, l) in Self.lines(1000..<5000).enumerated() {
            F.write(w, l)
            if i % 500 == 499 { w.flush() }
        }
        w.flush()
        #expect(w.statistics().linesLostToErrors == 4000)
        #expect(w.statistics().isWriting == false)
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        for l in Self.lines(5000..<5010) { F.write(w, l) }
        w.flush()
        #expect(w.statistics().isWriting == true)
        let kept = try F.allLines(dir)
        #expect(
            try F.fastSequenceNumbers(kept.filter { !$0.contains(#""logger":"perflog""#) }) == Array(0..<1000)
                + Array(5000..<5010))
        #expect(Self.droppedCounts(kept) == [4000])
    }

    @Test func anActiveFileMovedAwayIsFollowedByANewFileAtThePath() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        defer { w.close() }
        for l in Self.lines(0..<10) { F.write(w, l) }
        w.flush()
        #expect(rename(dir + "/app.log", dir + "/moved") == 0)
        for l in Self.lines(10..<20) { F.write(w, l) }
        w.flush()
        let moved = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/moved")), as: UTF8.self)
        #expect(try F.sequenceNumbers(moved.split(separator: "\n").map(String.init)) == Array(0..<10))
        let active = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/app.log")), as: UTF8.self)
        #expect(try F.sequenceNumbers(active.split(separator: "\n").map(String.init)) == Array(10..<20))
        #expect(w.statistics().linesLostToErrors == 0)
    }

    @Test func anActiveFileOwnedByAnotherUserIsRefused() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: path))
        let other = getuid() == 12345 ? 12346 : 12345
        guard chown(path, uid_t(other), gid_t(other)) == 0 else { return }  // only root may plant it this way
        #expect(chmod(path, 0o666) == 0)
        #expect { try RotatingFileWriter(configuration: F.configuration(dir)) } throws: { e in
            (e as? WriterError)?.isUnsafeFileRefusal == true
                && "\(e)"
                    == "refusing to write \(path): it is owned by uid \(other), not by this process (uid \(geteuid()))"
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
        #expect(try RotatingFileWriterSafetyTests.mode(path) == 0o666)
    }

    @Test func aHardLinkAtTheActivePathIsRefusedAtStartAndAtReopen() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(chmod(victim, 0o600) == 0)
        #expect(link(victim, dir + "/app.log") == 0)
        #expect { try RotatingFileWriter(configuration: F.configuration(dir)) } throws: { e in
            (e as? WriterError)?.isUnsafeFileRefusal == true
                && "\(e)" == "refusing to write \(dir)/app.log: it has 2 hard links (another name shares its data)"
        }
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        defer { w.close() }
        F.write(w, F.line(seq: 0))
        w.flush()
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        #expect(link(victim, dir + "/app.log") == 0)
        for l in Self.lines(1..<11) { F.write(w, l) }
        w.flush()
        #expect(w.statistics().linesLostToErrors == 10)
        #expect(w.statistics().lastError?.isUnsafeFileRefusal == true)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try RotatingFileWriterSafetyTests.mode(victim) == 0o600)
    }

    /// `chattr +a` (append-only) makes `fchmod` fail even for root; not every file system has it.
    static let appendOnlyWorks: Bool = {
        guard let dir = try? F.directory() else { return false }
        defer {
            _ = try? F.shell("chattr -a \(dir)/probe")
            try? FileManager.default.removeItem(atPath: dir)
        }
        guard FileManager.default.createFile(atPath: dir + "/probe", contents: nil),
            (try? F.shell("chattr +a \(dir)/probe"))?.0 == 0
        else { return false }
        return chmod(dir + "/probe", 0o600) != 0
    }()

    @Test(.enabled(if: appendOnlyWorks, "needs chattr +a"))
    func aModeThatCannotBeSetIsAnError() throws {
        let dir = try F.directory()
        defer {
            _ = try? F.shell("chattr -a \(dir)/app.log")
            try? FileManager.default.removeItem(atPath: dir)
        }
        let path = dir + "/app.log"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o666) == 0)
        try F.shell("chattr +a \(path)")
        #expect { try RotatingFileWriter(configuration: F.configuration(dir)) } throws: { e in
            "\(e)" == "cannot set mode 0640 on \(path): Operation not permitted"
        }
    }
}
