import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The messages a new user meets: out-of-range numbers, unknown help topics, a held lock and a
/// reproducible demo into a directory that already holds logs.
@Suite struct CommandMessageTests {
    @Test func aNegativeTopIsReportedAsOutOfRangeNotAsAMissingValue() throws {
        for command in ["slow", "errors", "analyze"] {
            let r = try PerfLogBinary.run([command, "--top", "-1", "samples/"], directory: Self.root)
            #expect(r.status == 1)
            #expect(r.stderr.contains("--top must be at least 1 (got -1)"), "\(command): \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"))
        }
        let tail = try PerfLogBinary.run(["tail", "-n", "-3", "samples/"], directory: Self.root)
        #expect(tail.status == 1)
        #expect(tail.stderr.contains("-n must be 0 or more (got -3)"))
        let huge = try PerfLogBinary.run(["tail", "-n", "9223372036854775807", "samples/"], directory: Self.root)
        #expect(huge.status == 1)
        #expect(huge.stderr.contains("-n must be at most 10000000 (got 9223372036854775807)"))
    }

    @Test func helpForAnUnknownCommandIsAnErrorNamingIt() throws {
        let r = try PerfLogBinary.run(["help", "nosuch"])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(
            r.stderr.hasPrefix(
                "Error: no such command: 'nosuch' (commands: analyze, slow, errors, tail, top, check, diff, report, trace, compress, demo)\n"
            ))
        let known = try PerfLogBinary.run(["help", "tail"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("perflog tail"))
    }

    @Test func aLockHeldByAnotherWriterIsReportedWithoutTheUsage() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fd = open(dir.appendingPathComponent(".demo.lock").path, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = try PerfLogBinary.run(["demo", "--dir", dir.path, "--events", "10", "--rate", "0"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("another perflog writer is already writing"))
        #expect(
            !r.stderr.contains("USAGE") && !r.stderr.contains("Usage:") && !r.stderr.contains("OPTIONS"), "\(r.stderr)")
    }

    @Test func aReproducibleDemoIntoANonEmptyDirectoryIsRefused() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["demo", "--dir", dir.path, "--events", "20", "--start", "2026-11-28T10:00:00Z", "--rate", "2"]
        let first = try PerfLogBinary.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try String(contentsOf: dir.appendingPathComponent("demo.log"), encoding: .utf8)
        let again = try PerfLogBinary.run(args)
        #expect(again.status == 1)
        #expect(
            again.stderr.contains(
                "--start writes a reproducible run into an empty or missing directory, and \(dir.path) is not empty (.demo.lock, demo.log)"
            ), "\(again.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("demo.log"), encoding: .utf8) == before)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
