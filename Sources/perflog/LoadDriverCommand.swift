import ArgumentParser
import PerfLog

#if canImport(Glibc)
import Glibc
#endif

/// A hidden driver for `scripts/load.sh` (not for users): many threads log format-v1 events as
/// fast as they can, for a time or a number of events, through one ``RotatingFileWriter``.
///
/// Thread `t` writes `meta.seq` = `t × stride`, `t × stride + 1`, … so that a checker can tell
/// exactly which events are missing. At the end it prints one line per thread,
/// `thread T wrote N`, then
/// `done events E seconds S accepted A dropped D lost L rotations R compressed C deleted X`.
struct LoadDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-driver", abstract: "(internal) multi-threaded load on the rotating writer", shouldDisplay: false)

    @Option(help: "Log directory.") var dir: String
    @Option(help: "Writing threads.") var threads = 16
    @Option(help: "Stop after this many seconds.") var seconds: Double = 60
    @Option(help: "Stop a thread after this many events (0: only the time limit).") var eventsPerThread = 0
    @Option(help: "Rotate at this many bytes.") var maxBytes = 1 << 20
    @Option(help: "Keep at most this many segments (0: keep all).") var maxSegments = 0
    @Option(help: "Queue capacity in bytes.") var queueBytes = 4 << 20
    @Flag(help: "Drop instead of blocking when the queue is full.") var dropNewest = false
    @Option(help: "Compression level.") var level: Int32 = 1

    static let stride = 1_000_000_000_000

    func run() throws {
        var config = RotatingFileWriter.Configuration(directory: dir, name: "load")
        config.rotation.maxBytes = maxBytes
        config.retention.maxSegments = maxSegments > 0 ? maxSegments : nil
        config.queueCapacity = queueBytes
        config.overflowPolicy = dropNewest ? .dropNewest : .block
        config.compressionLevel = level
        let writer: RotatingFileWriter
        do { writer = try RotatingFileWriter(configuration: config) } catch {
            throw ValidationError("\(error)")
        }
        let start = MonotonicNanos.now()
        let deadline = start + UInt64(seconds * 1e9)
        let limit = eventsPerThread > 0 ? eventsPerThread : Int.max
        let counts = (0..<threads).map { _ in CountBox() }
        var workers: [WorkerBox] = []
        for t in 0..<threads {
            let box = counts[t]
            workers.append(WorkerBox {
                var buffer = [UInt8]()
                buffer.reserveCapacity(512)
                var i = 0
                while i < limit {
                    if i & 1023 == 0 && MonotonicNanos.now() >= deadline { break }
                    WriterDriverCommand.encode(seq: t * Self.stride + i, into: &buffer)
                    buffer.withUnsafeBytes { writer.write(line: $0) }
                    i += 1
                }
                box.value = i
            })
        }
        for w in workers { w.join() }
        let elapsed = Double(MonotonicNanos.now() - start) / 1e9
        writer.close()
        let s = writer.statistics()
        var total = 0
        for (t, c) in counts.enumerated() {
            WriterDriverCommand.say("thread \(t) wrote \(c.value)")
            total += c.value
        }
        WriterDriverCommand.say(
            "done events \(total) seconds \(elapsed) accepted \(s.linesAccepted) dropped \(s.linesDroppedByQueue) "
                + "lost \(s.linesLostToErrors) rotations \(s.rotations) compressed \(s.segmentsCompressed) deleted \(s.segmentsDeleted)")
    }
}

/// One thread's event count, written by that thread and read after it was joined.
final class CountBox: @unchecked Sendable {
    // @unchecked Sendable: written only by its worker thread, read only after pthread_join.
    var value = 0
}

/// Monotonic time in nanoseconds.
enum MonotonicNanos {
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
