import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

/// Kills `perflog-writer-driver` with SIGKILL at random moments (while it writes, rotates every
/// 64 KiB, compresses and runs retention), restarts it, and checks what recovery leaves.
@Suite struct RotatingFileWriterCrashTests {
    /// One driver run killed after it printed `checkpoints` flush checkpoints plus a random delay.
    /// - Returns: the highest `flushed N` it printed (every seq below N reached the OS).
    static func runAndKill(dir: String, startSeq: Int, checkpoints: Int, delayMicroseconds: UInt32) throws -> Int {
        let p = Process()
        p.executableURL = PerfLogBinary.writerDriverURL
        p.arguments = [
            "--dir", dir, "--start-seq", "\(startSeq)", "--events", "50000000",
            "--max-bytes", "65536", "--member-size", "16384", "--checkpoint-every", "500", "--max-segments", "1000000",
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var flushed = startSeq
        var seen = 0
        var pending = ""
        let handle = out.fileHandleForReading
        while seen < checkpoints {
            let data = handle.availableData
            if data.isEmpty { break }  // the driver ended (it should not)
            pending += String(decoding: data, as: UTF8.self)
            while let nl = pending.firstIndex(of: "\n") {
                let line = pending[..<nl]
                if line.hasPrefix("flushed "), let n = Int(line.dropFirst(8)) {
                    flushed = n
                    seen += 1
                }
                pending = String(pending[pending.index(after: nl)...])
            }
        }
        usleep(delayMicroseconds)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // Checkpoints printed between our last read and the kill still count.
        let rest = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for line in (pending + rest).split(separator: "\n") where line.hasPrefix("flushed ") {
            if let n = Int(line.dropFirst(8)) { flushed = max(flushed, n) }
        }
        return flushed
    }

    @Test func killedAtRandomMomentsTwentyTimesRecoveryLosesNothingFlushedAndDuplicatesNothing() throws {
        let dir = try PerfLogBinary.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SystemRandomNumberGenerator()
        let trials = 20
        let stride = 100_000_000
        var flushedUpTo: [Int] = []
        for t in 0..<trials {
            let n = try Self.runAndKill(
                dir: dir, startSeq: t * stride, checkpoints: Int.random(in: 1...12, using: &rng),
                delayMicroseconds: UInt32.random(in: 0...30_000, using: &rng))
            flushedUpTo.append(n)
        }
        // A clean run recovers, compresses what was left and stops.
        let final = try PerfLogBinary.runWriterDriver(["--dir", dir, "--events", "0", "--max-segments", "1000000"])
        #expect(final.status == 0, "\(final.stderr)")

        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.filter { $0.hasSuffix(".tmp") } == [], "stale temporaries")
        #expect(names.filter { $0.hasPrefix("app-") && $0.hasSuffix(".log") } == [], "uncompressed segments left")
        var lines: [Substring] = []
        for f in names.sorted() where f.hasSuffix(".log.gz") {
            let (rc, msg) = try WriterCLIShell.run("gzip -t \(dir)/\(f)")
            #expect(rc == 0, "\(f): \(msg)")
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
            let bytes = try GzipStreamDecoder.decode([UInt8](data)).bytes
            lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        }
        lines += String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/app.log")), as: UTF8.self).split(
            separator: "\n")
        var seen = Set<Int>()
        var duplicated = 0
        var torn = 0
        var recovered = 0
        for l in lines {
            if l.contains(#""logger":"perflog","msg":"torn line cut at recovery","event":"recovered""#) {
                recovered += 1
                continue
            }
            guard let r = l.range(of: #""seq":""#), l.hasSuffix("\"}}"),
                let seq = Int(l[r.upperBound...].dropLast(3))
            else {
                torn += 1
                continue
            }
            if !seen.insert(seq).inserted { duplicated += 1 }
        }
        #expect(duplicated == 0)
        #expect(torn == 0, "no torn fragment survives recovery")
        #expect(recovered <= trials, "at most one torn line per kill")
        // The analyzer reads the directory as complete input, the cuts as recovered data.
        let analyzed = try PerfLogBinary.run(["analyze", dir, "--format", "json"])
        #expect(analyzed.status == 0, "\(analyzed.stderr)")
        #expect(analyzed.stdout.contains(#""malformed":0"#))
        #expect(analyzed.stdout.contains(recovered > 0 ? #""recovered":\#(recovered),"# : #""malformed":0,"from""#))
        var lost = 0
        for (t, upTo) in flushedUpTo.enumerated() {
            for s in (t * stride)..<upTo where !seen.contains(s) { lost += 1 }
            #expect(upTo > t * stride, "trial \(t) flushed nothing before the kill")
        }
        #expect(lost == 0, "events flushed before a kill are missing")
    }
}

enum WriterCLIShell {
    static func run(_ command: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }
}
