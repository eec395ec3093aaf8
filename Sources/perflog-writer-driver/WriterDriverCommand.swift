import ArgumentParser
import Foundation
import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perflog-writer-driver`: drives the rotating writer for the crash, load and fault tests and the
/// writer benchmarks. It is a tool of this repository, not a product: apps and the shipped
/// `perflog` binary never contain it.
///
/// Writes format-v1 events carrying `meta.seq` = start, start+1, … at full speed through a
/// ``RotatingFileWriter`` with fast rotation, compression and retention, and prints
/// `flushed N` after each checkpoint's `flush()` returned: every event with `seq < N` has then
/// reached the operating system, so a test that kills the process knows what must survive.
@main
struct WriterDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perflog-writer-driver",
        abstract: "Drive perflog's rotating writer for the crash, load and fault tests and the writer benchmarks."
    )

    @Option(help: "Log directory.") var dir: String
    @Option(help: "Log name.") var name = "app"
    @Option(help: "First sequence number.") var startSeq = 0
    @Option(help: "Events to write (0: only start, recover, finish background work and stop).") var events = 1_000_000
    @Option(help: "Rotate at this many bytes.") var maxBytes = 64 * 1024
    @Option(help: "Input bytes per gzip member.") var memberSize = 16 * 1024
    @Option(help: "Keep at most this many segments.") var maxSegments: Int?
    @Option(help: "Flush and print a checkpoint every N events.") var checkpointEvery = 1000
    @Option(help: "Writing threads.") var threads = 1
    @Option(help: "Queue capacity in bytes.") var queueBytes = 1 << 20
    @Flag(help: "Drop instead of blocking when the queue is full.") var dropNewest = false
    @Option(help: "Compression level.") var level: Int32 = 1
    @Option(help: "With --threads: write for this many seconds instead of --events.") var seconds: Double?
    @Option(help: "Keep at most this many bytes of segments.") var maxTotalBytes: Int64?
    @Flag(help: "Measure the caller-side cost of write(line:) and the sustained rate, then stop.") var bench = false
    @Flag(help: "With --bench: log each event through PerformanceLogger.record (encoding included).")
    var throughLogger = false

    func run() throws {
        var config = RotatingFileWriter.Configuration(directory: dir, name: name)
        config.rotation.maxBytes = maxBytes
        config.memberInputSize = memberSize
        config.retention.maxSegments = maxSegments
        config.retention.maxTotalBytes = maxTotalBytes
        config.queueCapacity = queueBytes
        config.overflowPolicy = dropNewest ? .dropNewest : .block
        config.compressionLevel = level
        let writer: RotatingFileWriter
        do { writer = try RotatingFileWriter(configuration: config) } catch {
            throw ValidationError("\(error)")
        }
        if events == 0 {
            writer.waitUntilIdle()
            writer.close()
            print("done 0")
            return
        }
        if bench {
            Self.measure(
                writer, events: events, logger: throughLogger ? PerformanceLogger(label: "bench", sink: writer) : nil)
            return
        }
        if threads <= 1 {
            var buffer = [UInt8]()
            buffer.reserveCapacity(512)
            for i in 0..<events {
                let seq = startSeq + i
                Self.encode(seq: seq, into: &buffer)
                buffer.withUnsafeBytes { writer.write(line: $0) }
                if (i + 1) % checkpointEvery == 0 {
                    writer.flush()
                    Self.say("flushed \(seq + 1)")
                }
            }
        } else {
            // Thread t writes seq t * 1_000_000_000 + i; for --seconds until the deadline, else events / threads each.
            let per = seconds == nil ? events / threads : Int.max
            let deadline = seconds.map { UInt64(Timestamp.now().microseconds) + UInt64($0 * 1e6) }
            let counts = CountsBox(threads)
            var workers: [WorkerBox] = []
            for t in 0..<threads {
                workers.append(
                    WorkerBox {
                        var buffer = [UInt8]()
                        var i = 0
                        while i < per {
                            if let deadline, i % 1024 == 0, UInt64(Timestamp.now().microseconds) >= deadline { break }
                            Self.encode(seq: t * 1_000_000_000 + i, into: &buffer)
                            buffer.withUnsafeBytes { writer.write(line: $0) }
                            i += 1
                        }
                        counts.set(t, i)
                    })
            }
            for w in workers { w.join() }
            for t in 0..<threads { Self.say("thread \(t) wrote \(counts.get(t))") }
        }
        writer.close()
        let s = writer.statistics()
        Self.say(
            "done \(startSeq + events) accepted \(s.linesAccepted) dropped \(s.linesDroppedByQueue) lost \(s.linesLostToErrors)"
        )
    }

    /// Prints the sustained rate and the median/p99 cost of one `write(line:)` (one pre-encoded
    /// line, clock overhead subtracted), while rotation and compression run in the background.
    static func measure(_ writer: RotatingFileWriter, events: Int, logger: PerformanceLogger?) {
        var line = [UInt8]()
        encode(seq: 123_456, into: &line)
        func now() -> UInt64 { UInt64(MonotonicClock.nanoseconds()) }
        // Sustained rate.
        let start = now()
        if let logger {
            for i in 0..<events {
                logger.record(op: "api.GET /api/v1/user/profile", durationMs: Double(i % 1000) * 0.125, status: 200)
            }
        } else {
            line.withUnsafeBytes { l in for _ in 0..<events { writer.write(line: l) } }
        }
        writer.flush()
        let seconds = Double(now() - start) / 1e9
        // Per-call cost, sampled.
        let samples = min(events, 1_000_000)
        var costs = [UInt64](repeating: 0, count: samples)
        var overhead = [UInt64](repeating: 0, count: 10_000)
        for i in 0..<overhead.count {
            let a = now()
            overhead[i] = now() - a
        }
        overhead.sort()
        let base = overhead[overhead.count / 2]
        if let logger {
            for i in 0..<samples {
                let a = now()
                logger.record(op: "api.GET /api/v1/user/profile", durationMs: Double(i % 1000) * 0.125, status: 200)
                costs[i] = now() - a
            }
        } else {
            line.withUnsafeBytes { l in
                for i in 0..<samples {
                    let a = now()
                    writer.write(line: l)
                    costs[i] = now() - a
                }
            }
        }
        writer.close()
        costs.sort()
        let median = costs[samples / 2] &- base
        let p99 = costs[samples * 99 / 100] &- base
        let s = writer.statistics()
        say(
            (logger == nil
                ? "write(line:) of a pre-encoded line: " : "PerformanceLogger.record + encode + write(line:): ")
                + "events \(events) in \(String(format: "%.3f", seconds)) s: \(Int(Double(events) / seconds)) events/s; per call median \(median) ns, p99 \(p99) ns (clock overhead \(base) ns subtracted); rotations \(s.rotations), compressed \(s.segmentsCompressed)"
        )
    }

    static func say(_ s: String) {
        var line = Array((s + "\n").utf8)
        _ = line.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    }

    static func encode(seq: Int, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        buffer += #"{"ts":""#.utf8
        var ts = [UInt8](repeating: 0, count: Timestamp.encodedLength)
        ts.withUnsafeMutableBytes { _ = Timestamp.now().write(into: $0.baseAddress!) }
        buffer += ts
        buffer +=
            #"","level":"info","logger":"driver","msg":"driver event","event":"perf","op":"driver.op","duration_ms":"#
            .utf8
        buffer += String(seq % 1000).utf8
        buffer += #".5,"outcome":"success","meta":{"seq":""#.utf8
        buffer += String(seq).utf8
        buffer += "\"}}\n".utf8
    }
}
