import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

@Suite struct CompressCommandTests {
    static func lines(_ n: Int) -> String {
        (0..<n).map {
            #"{"ts":"2026-11-28T10:00:\#(String(format: "%02d", $0 % 60)).000000Z","level":"info","logger":"t","msg":"m","event":"perf","op":"x","duration_ms":\#($0)}"#
                + "\n"
        }.joined()
    }

    static func members(_ path: String) throws -> [MemberIndex] {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var out: [MemberIndex] = []
        var off = 0
        while off < data.count {
            let h = try data[off...].withUnsafeBytes { try GzipMember.parseHeader($0).get() }
            let idx = try #require(h.index)
            out.append(idx)
            off += Int(idx.memberSize)
        }
        #expect(off == data.count)
        return out
    }

    @Test func compressesPlainAndForeignGzipInputsBesideThemIntoIndexedArchives() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.lines(20_000)
        try text.write(to: dir.appendingPathComponent("a.log"), atomically: true, encoding: .utf8)
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c a.log > b.log.gz")
        let r = try PerfLogBinary.run(["compress", "--member-size", "65536", "a.log", "b.log.gz"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "a.log -> a.log.gz\nb.log.gz -> b.log.perflog.gz\n")
        for out in ["a.log.gz", "b.log.perflog.gz"] {
            let path = dir.appendingPathComponent(out).path
            #expect(try WriterCLIShell.run("zcat \(path) | cmp - \(dir.path)/a.log").0 == 0)
            let m = try Self.members(path)
            #expect(m.count == Int((Double(text.utf8.count) / 65536).rounded(.up)))
            #expect(m.reduce(0) { $0 + $1.lineCount } == 20_000)
            #expect(m.reduce(0) { $0 + $1.uncompressedSize } == UInt64(text.utf8.count))
        }
    }

    @Test func concatenatesSeveralInputsIntoOneOutputWithDashO() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{\"a\":1}\n{\"a\":2}".write(to: dir.appendingPathComponent("x.log"), atomically: true, encoding: .utf8)
        try "{\"a\":3}\n".write(to: dir.appendingPathComponent("y.log"), atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(["compress", "-q", "x.log", "y.log", "-o", "all.gz"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try WriterCLIShell.run("zcat \(dir.path)/all.gz").1 == "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")
        #expect(try Self.members(dir.appendingPathComponent("all.gz").path).map(\.lineCount) == [2, 1])
    }

    @Test func badInputsGetErrorsNamingTheFileAndLeaveNothingBehind() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.lines(5000).write(to: dir.appendingPathComponent("a.log"), atomically: true, encoding: .utf8)
        _ = try WriterCLIShell.run("cd \(dir.path) && gzip -c a.log | head -c 3000 > cut.gz")
        let cut = try PerfLogBinary.run(["compress", "cut.gz"], directory: dir)
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("cut.gz: truncated gzip member"))
        let missing = try PerfLogBinary.run(["compress", "missing.log"], directory: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot open missing.log"))
        _ = try PerfLogBinary.run(["compress", "a.log"], directory: dir)
        let again = try PerfLogBinary.run(["compress", "a.log"], directory: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("a.log.gz already exists"))
        // An output named with -o is replaced (atomically), so a rerun of the same command works.
        for _ in 0..<2 {
            #expect(try PerfLogBinary.run(["compress", "a.log", "-o", "out.gz", "-q"], directory: dir).status == 0)
        }
        #expect(
            try WriterCLIShell.run("cd \(dir.path) && zcat out.gz | wc -l").1.trimmingCharacters(
                in: .whitespacesAndNewlines) == "5000")
        let level = try PerfLogBinary.run(["compress", "--level", "11", "a.log"], directory: dir)
        #expect(level.status != 0)
        #expect(level.stderr.contains("--level 11"))
        // A line longer than --max-line-bytes (here an input with no newline at all) stops the
        // conversion: nothing is written, the temporary file is removed.
        try Data(repeating: 0x61, count: 3 << 20).write(to: dir.appendingPathComponent("flat.bin"))
        let flat = try PerfLogBinary.run(["compress", "--max-line-bytes", "1048576", "flat.bin"], directory: dir)
        #expect(flat.status == 1)
        #expect(
            flat.stderr.contains(
                "flat.bin: line 1 (from byte 0) is longer than 1048576 bytes without a newline (--max-line-bytes); nothing was written"
            ), "\(flat.stderr)")
        let small = try PerfLogBinary.run(["compress", "--max-line-bytes", "1000", "a.log"], directory: dir)
        #expect(small.status == 1)
        #expect(
            small.stderr.contains("--max-line-bytes (1000) must be at least --member-size (262144)"), "\(small.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                "a.log", "a.log.gz", "cut.gz", "flat.bin", "out.gz",
            ])
    }
}
