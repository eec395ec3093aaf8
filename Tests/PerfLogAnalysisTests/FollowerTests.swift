import Foundation
import Synchronization
import Testing

@testable import PerfLogAnalysis

@Suite struct FollowerTests {
    static func append(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        var t = text
        t.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    static func collect(_ f: Follower) -> [String] {
        var out: [String] = []
        f.poll { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    @Test func lastLinesAreReadFromTheEnd() throws {
        let dir = InputFixtures.tempDir()
        let path = dir + "/app.log"
        let lines = (0..<50_000).map { "line \($0) " + String(repeating: "x", count: $0 % 50) }
        Self.append(lines.joined(separator: "\n") + "\npartial", to: path)
        for n in [0, 1, 3, 10, 49_999, 50_000, 60_000] {
            let f = Follower(path: path)
            let got = try f.lastLines(n).map { String(decoding: $0, as: UTF8.self) }
            #expect(got == Array(lines.suffix(n)), "n \(n)")
            // The partial line is delivered once it completes, and nothing else is.
            Self.append("", to: path)
            #expect(Self.collect(f) == [])
        }
        let f = Follower(path: path)
        _ = try f.lastLines(2)
        Self.append(" done\nnext\n", to: path)
        #expect(Self.collect(f) == ["partial done", "next"])
        // Empty file, file of one unterminated line.
        Self.append("", to: dir + "/empty.log")
        #expect(try Follower(path: dir + "/empty.log").lastLines(5).isEmpty)
        Self.append("only", to: dir + "/one.log")
        #expect(try Follower(path: dir + "/one.log").lastLines(5).isEmpty)
        #expect(throws: InputError(.noSuchFile, argument: dir + "/none.log")) {
            try Follower(path: dir + "/none.log").lastLines(1)
        }
    }

    @Test func partialLinesWaitForTheirNewlineAndLongLinesAreSkipped() throws {
        let dir = InputFixtures.tempDir()
        let path = dir + "/app.log"
        Self.append("", to: path)
        let f = Follower(path: path, maxLineBytes: 10)
        _ = try f.lastLines(0)
        Self.append("ab", to: path)
        #expect(Self.collect(f) == [])
        Self.append("c\nde", to: path)
        #expect(Self.collect(f) == ["abc"])
        Self.append("f\n" + String(repeating: "L", count: 8), to: path)
        #expect(Self.collect(f) == ["def"])
        Self.append(String(repeating: "L", count: 30) + "\nok\n", to: path)
        #expect(Self.collect(f) == ["ok"])
        #expect(f.oversizedLines == 1)
    }

    @Test func followsFiveRenameRotationsAndATruncationWithoutLosingOrRepeatingALine() throws {
        let dir = InputFixtures.tempDir()
        let path = dir + "/app.log"
        Self.append("", to: path)
        let follower = Follower(path: path, pollInterval: 5)
        _ = try follower.lastLines(0)
        // From here on only the reader thread touches the follower.
        let received = Mutex<[String]>([])
        let truncationsSeen = Mutex(0)
        let done = Mutex(false)
        let box = UncheckedSendableFollower(follower)
        let rotationsSeen = Mutex(0)
        let reader = Thread {
            while !done.withLock({ $0 }) {
                box.follower.poll { line in
                    let s = String(decoding: line, as: UTF8.self)
                    received.withLock { $0.append(s) }
                }
                truncationsSeen.withLock { $0 = box.follower.truncations }
                rotationsSeen.withLock { $0 = box.follower.rotations }
                usleep(5000)
            }
        }
        reader.start()

        var written: [String] = []
        func waitForReader(count: Int) {
            for _ in 0..<2000 where received.withLock({ $0.count }) < count { usleep(2000) }
        }
        func writeLines(_ n: Int) {
            for _ in 0..<n {
                let line = "event \(written.count)"
                written.append(line)
                // Lines are written in two parts sometimes, so partial lines are seen too.
                if written.count % 7 == 0 {
                    Self.append(String(line.prefix(3)), to: path)
                    usleep(300)
                    Self.append(String(line.dropFirst(3)) + "\n", to: path)
                } else {
                    Self.append(line + "\n", to: path)
                }
                if written.count % 50 == 0 { usleep(1000) }
            }
        }
        for rotation in 1...5 {
            writeLines(200)
            // Rotate: rename the active file away and write into a new one straight away, so
            // the old file still holds unread lines when the rotation is noticed.
            #expect(rename(path, dir + "/app-\(rotation).log") == 0)
            writeLines(30)
            waitForReader(count: written.count)
        }
        // Truncation in place, once the reader has everything (lines written between the last
        // read and a truncation are gone with any reader).
        writeLines(100)
        waitForReader(count: written.count)
        #expect(truncate(path, 0) == 0)
        for _ in 0..<2000 where truncationsSeen.withLock({ $0 }) == 0 { usleep(2000) }
        writeLines(150)
        waitForReader(count: written.count)
        done.withLock { $0 = true }
        while !reader.isFinished { usleep(1000) }
        let got = received.withLock { $0 }
        #expect(got.count == written.count)
        #expect(got == written)
        #expect(rotationsSeen.withLock { $0 } == 5)
        #expect(truncationsSeen.withLock { $0 } == 1)
    }
}

/// Hands the follower to the test's reader thread.
final class UncheckedSendableFollower: @unchecked Sendable {
    // @unchecked Sendable: once handed over, only the reader thread touches the follower; the
    // test thread reads its counters through mutexes the reader thread fills.
    let follower: Follower
    init(_ f: Follower) { follower = f }
}
