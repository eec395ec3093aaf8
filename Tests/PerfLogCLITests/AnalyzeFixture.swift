import Foundation

/// The committed fixtures of the analyzer's end-to-end tests (found via #filePath, so the test
/// target needs no resources).
enum AnalyzeFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    /// 79 lines: perf events of four ops (one with escape sequences in its op), slow_query records
    /// with literals, a raw-SQL perf record, plain lines, one blank and one torn line.
    static let small = directory.appendingPathComponent("small.ndjson")

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs `gzip -c` on `source` into `destination`.
    static func gzip(_ source: URL, to destination: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", source.path, destination.path]
        try p.run()
        p.waitUntilExit()
    }

    /// The JSON text with the `input` object's `bytes` and `files` values removed (they differ
    /// between plain, gzip and split copies of the same lines).
    static func withoutSizes(_ json: String) -> String {
        json.replacingOccurrences(of: #""files":\d+,"bytes":\d+,"#, with: "", options: .regularExpression)
    }
}
