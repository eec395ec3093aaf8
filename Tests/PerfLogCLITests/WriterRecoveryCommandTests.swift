import Foundation
import Testing

/// A crash's torn lines, end to end: the writer's recovery cuts them and writes `recovered`
/// records; `perflog analyze` reports those as recovered data, not as malformed input.
@Suite struct WriterRecoveryCommandTests {
    static let perf =
        #"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":"x done","event":"perf","op":"x","duration_ms":1.5,"outcome":"success"}"#
        + "\n"

    @Test func tornLinesAreCutAtRecoveryAndAnalyzedAsRecoveredData() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let activeTorn = #"{"ts":"2026-11-28T10:00:01.000000Z","lev"#
        let segmentTorn = #"{"ts":"2026-11-28T10:00:00.5"#
        try (Self.perf + Self.perf + activeTorn).write(
            to: dir.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
        try (Self.perf + segmentTorn).write(
            to: dir.appendingPathComponent("app-2026-11-28T10-00-00.900Z.log"), atomically: true, encoding: .utf8)
        let recovery = try PerfLogBinary.runWriterDriver([
            "--dir", dir.path, "--events", "0", "--max-segments", "1000",
        ])
        #expect(recovery.status == 0, "\(recovery.stderr)")

        let table = try PerfLogBinary.run(["analyze", dir.path])
        #expect(table.status == 0, "\(table.stderr)")
        let cut = activeTorn.utf8.count + segmentTorn.utf8.count
        #expect(table.stdout.contains("2 torn lines cut at recovery (\(cut) B)"), "\(table.stdout)")
        #expect(!table.stdout.contains("malformed"))
        let json = try PerfLogBinary.run(["analyze", dir.path, "--format", "json"])
        #expect(json.status == 0)
        #expect(
            json.stdout.contains(#""events":5,"malformed":0,"recovered":2,"recovered_bytes":\#(cut),"#),
            "\(json.stdout)")
    }
}
