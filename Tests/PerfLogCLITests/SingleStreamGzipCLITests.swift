import Foundation
import Testing

/// Another tool's single-stream gzip through the built `perflog`: one thread inflates while every
/// worker scans, in any order, and a malformed line is still named by its exact line number.
@Suite struct SingleStreamGzipCLITests {
    @Test func malformedLinesDeepInAGzipStreamAreNamedByLineWithAnyThreadCount() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 60,000 lines, about 6 MB: a dozen of the reader's 512 KiB chunks.
        var lines = CompressCommandTests.lines(60_000).split(separator: "\n").map(String.init)
        lines[4] = "not json"
        lines[45_000] = #"{"ts":"2026-11-28T10:00:00Z","event":"perf","op":"x","#
        let plain = dir.appendingPathComponent("events.log")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-6", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        var reports: [String] = []
        for threads in ["1", "2", "3"] {
            let r = try PerfLogBinary.run(["analyze", "--threads", threads, "events.log.gz"], directory: dir)
            #expect(r.status == 3, "\(r.stderr)")
            #expect(r.stdout.contains("60,000 lines, 59,998 events, 2 malformed"), "\(r.stdout)")
            #expect(r.stderr.contains("events.log.gz:5: not a JSON object at byte 1"), "\(r.stderr)")
            #expect(r.stderr.contains("events.log.gz:45001: "), "\(r.stderr)")
            let json = try PerfLogBinary.run(
                ["analyze", "--threads", threads, "--format", "json", "events.log.gz"], directory: dir)
            reports.append(json.stdout)
        }
        #expect(Set(reports).count == 1)
    }
}
