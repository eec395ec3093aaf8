import Foundation
import Testing

/// `perflog tail` on what the README promises it reads: gzip archives, globs, standard input and
/// several paths; skipped long lines are reported; columns keep their widths while following.
@Suite struct TailInputsTests {
    static func line(_ seq: Int, op: String = "api.GET /x") -> String {
        TailCommandTests.line(seq, op: op)
    }

    static func write(_ lines: [String], to url: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aGzipArchivePrintsItsLastLinesDecompressedAndFollowingItIsRefused() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("app.log")
        try Self.write((0..<500).map { Self.line($0) }, to: plain)
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c app.log > other.gz")
        #expect(try PerfLogBinary.run(["compress", "--member-size", "4096", "app.log"], directory: dir).status == 0)

        for archive in ["app.log.gz", "other.gz"] {  // perflog's indexed members, and gzip's one member
            let r = try PerfLogBinary.run(["tail", "-n", "3", "--json", archive], directory: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == [497, 498, 499].map { Self.line($0) + "\n" }.joined(), "\(archive)")
        }
        let human = try PerfLogBinary.run(["tail", "-n", "1", "--color", "never", "app.log.gz"], directory: dir)
        #expect(human.stdout.hasPrefix("2026-11-28 10:00:00.000 INFO     t"))
        #expect(human.stdout.contains("499.500ms"))

        let follow = try PerfLogBinary.run(["tail", "-f", "app.log.gz"], directory: dir)
        #expect(follow.status == 1)
        #expect(
            follow.stderr.hasPrefix(
                "Error: cannot follow app.log.gz: it is a gzip archive, which is never appended to; leave out -f to print its last lines, or follow the active .log file\n"
            ))
        #expect(follow.stdout == "")
    }

    @Test func aTruncatedArchivePrintsWhatItHoldsAndExitsIncomplete() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write((0..<2000).map { Self.line($0) }, to: dir.appendingPathComponent("app.log"))
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c app.log | head -c 3000 > cut.gz")
        let r = try PerfLogBinary.run(["tail", "-n", "1", "--json", "cut.gz"], directory: dir)
        #expect(r.status == 3)
        #expect(r.stderr.contains("perflog tail: cut.gz: truncated gzip member"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix(#"{"ts""#))
    }

    @Test func globsAndSeveralPathsAreShownOneAfterTheOtherUnderHeaders() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write([Self.line(1), Self.line(2)], to: dir.appendingPathComponent("b.log"))
        try Self.write([Self.line(3), Self.line(4)], to: dir.appendingPathComponent("a.log"))
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c a.log > c.log.gz")

        let glob = try PerfLogBinary.run(["tail", "-n", "1", "--color", "never", "*.log"], directory: dir)
        #expect(glob.status == 0, "\(glob.stderr)")
        let lines = glob.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "==> a.log <==")
        #expect(lines[1].contains("4.500ms"))
        #expect(lines[2] == "")
        #expect(lines[3] == "==> b.log <==")
        #expect(lines[4].contains("2.500ms"))

        // The order given, plain and gzip mixed; --json keeps the output one JSON line per line.
        let several = try PerfLogBinary.run(
            ["tail", "-n", "1", "--json", "b.log", "c.log.gz", "a.log"], directory: dir)
        #expect(several.stdout == [Self.line(2), Self.line(4), Self.line(4)].map { $0 + "\n" }.joined())
        // A path given twice (once through a glob) is shown once.
        let twice = try PerfLogBinary.run(["tail", "-n", "1", "--json", "a.log", "a.*"], directory: dir)
        #expect(twice.stdout == Self.line(4) + "\n")

        let none = try PerfLogBinary.run(["tail", "*.nothing"], directory: dir)
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("Error: no files match *.nothing\n"))
    }

    @Test func standardInputIsReadPlainOrGzipThroughDash() throws {
        let text = (0..<300).map { Self.line($0) + "\n" }.joined()
        let plain = try PerfLogBinary.run(["tail", "-n", "2", "--json", "-"], stdin: Data(text.utf8))
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == Self.line(298) + "\n" + Self.line(299) + "\n")

        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try text.write(to: dir.appendingPathComponent("in.log"), atomically: true, encoding: .utf8)
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c in.log > in.gz")
        let gz = try PerfLogBinary.run(
            ["tail", "-n", "1", "--json", "-"], stdin: try Data(contentsOf: dir.appendingPathComponent("in.gz")))
        #expect(gz.stdout == Self.line(299) + "\n")
        // -f with - reads the stream to its end, printing every kept line as it comes.
        let follow = try PerfLogBinary.run(
            ["tail", "-f", "--json", "--where", "duration_ms >= 297", "-"], stdin: Data(text.utf8))
        #expect(follow.status == 0)
        #expect(follow.stdout == [297, 298, 299].map { Self.line($0) + "\n" }.joined())
        let mixed = try PerfLogBinary.run(["tail", "-f", "-", "in.log"], stdin: Data(text.utf8), directory: dir)
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("-f with - follows the standard input alone"))
    }

    @Test func aLineOverTheCapIsReportedWithItsFileAndLine() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = #"{"ts":"2026-11-28T10:00:00.000000Z","msg":""# + String(repeating: "x", count: 5000) + #""}"#
        try Self.write([Self.line(1), long, Self.line(3)], to: dir.appendingPathComponent("app.log"))
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c app.log > app.gz")

        for file in ["app.log", "app.gz"] {
            let r = try PerfLogBinary.run(["tail", "--json", "--max-line-bytes", "1000", file], directory: dir)
            #expect(r.status == 3)
            #expect(r.stdout == Self.line(1) + "\n" + Self.line(3) + "\n")
            #expect(
                r.stderr
                    == "perflog tail: \(file):2: line of \(long.utf8.count) bytes is longer than the cap (--max-line-bytes 1000); skipped\n",
                "\(file)")
        }
        let range = try PerfLogBinary.run(
            ["tail", "--max-line-bytes", "9223372036854775807", "app.log"], directory: dir)
        #expect(range.status == 1)
        #expect(range.stderr.contains("--max-line-bytes must be between 64 and 1073741824"))
    }

    @Test func columnWidthsStayFixedWhileFollowing() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let active = dir.appendingPathComponent("app.log")
        let out = dir.appendingPathComponent("tail.out")
        try Self.write([Self.line(1, op: "a")], to: active)
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let p = Process()
        p.executableURL = PerfLogBinary.url
        p.arguments = ["tail", "-f", "--color", "never", "--poll-milliseconds", "20", active.path]
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        #expect(TailCommandTests.waitForLines(out, 1).count == 1)
        try TailCommandTests.append(
            Self.line(2, op: "a.much.longer.operation.name.than.before") + "\n" + Self.line(3, op: "a") + "\n",
            to: active)
        let got = TailCommandTests.waitForLines(out, 3)
        p.terminate()
        p.waitUntilExit()
        #expect(got.count == 3)
        guard got.count == 3 else { return }
        // The short-op lines before and after the long one have their duration at the same column.
        let column = { (s: String) in s.range(of: "ms")?.lowerBound.utf16Offset(in: s) }
        #expect(column(got[0]) != nil)
        #expect(column(got[0]) == column(got[2]))
        #expect(got[1].contains("a.much.longer.operation.name.than.before"))
    }
}
