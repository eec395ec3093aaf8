import Foundation
import Testing

@testable import PerfLog

/// The writer thread lingers after each batch so that callers do not wake it (a `futex` system
/// call) for every line: lines must still reach the file without `flush()`, and a burst must
/// wake the writer about once per filled quarter of the buffer, not once per batch.
@Suite struct WriterWakeupTests {
    typealias F = WriterFixture

    static func activeLines(_ dir: String) -> Int {
        guard let data = FileManager.default.contents(atPath: dir + "/app.log") else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Polls until `n` lines are in the active file, for at most 10 s (liveness, not speed).
    static func waitForLines(_ dir: String, _ n: Int) -> Int {
        var seen = 0
        for _ in 0..<1000 {
            seen = activeLines(dir)
            if seen >= n { break }
            usleep(10_000)
        }
        return seen
    }

    @Test func linesReachTheFileWithoutFlushWhetherTheWriterSleepsOrLingers() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        defer { w.close() }
        // One line to a sleeping writer.
        F.write(w, F.line(seq: 0))
        #expect(Self.waitForLines(dir, 1) == 1)
        // Lines 2 ms apart: some arrive while the writer lingers after a batch, some after.
        for i in 1...60 {
            F.write(w, F.line(seq: i))
            usleep(2_000)
        }
        #expect(Self.waitForLines(dir, 61) == 61)
        // After a pause longer than the linger, a single line again.
        usleep(50_000)
        F.write(w, F.line(seq: 61))
        #expect(Self.waitForLines(dir, 62) == 62)
        let seqs = try F.allLines(dir).compactMap { line -> Int? in
            guard let r = line.range(of: #""seq":""#) else { return nil }
            return Int(line[r.upperBound...].prefix { $0.isNumber })
        }
        #expect(seqs == Array(0...61))
    }

    @Test func aBurstWakesTheWriterAboutOncePerQuarterBuffer() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.queueCapacity = 4 << 20
        let w = try RotatingFileWriter(configuration: c)
        let lines = 50_000
        let line = F.line(seq: 123_456)
        for _ in 0..<lines { F.write(w, line) }
        w.flush()
        let s = w.statistics()
        #expect(s.linesAccepted == UInt64(lines))
        // One wake-up per quarter of the 2 MiB active buffer, plus a few for the moments the
        // burst was descheduled longer than the linger. Waking the writer whenever it was idle,
        // as before, took one per written batch: hundreds here.
        let quarters = lines * line.count / ((4 << 20) / 2 / 4)
        let wakeups = w.wakeupsByCallers
        #expect(wakeups <= UInt64(quarters + 20), "\(wakeups) wake-ups for \(quarters) quarters")
        w.close()
        #expect(try F.allLines(dir).count == lines)
    }
}
