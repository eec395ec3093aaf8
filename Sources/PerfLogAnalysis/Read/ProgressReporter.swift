import PerfLog
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on stderr (`bytes / total  percent  rate`), redrawn a few times a second
/// and erased at the end. Used only for inputs over ``threshold`` bytes when stderr is a terminal.
final class ProgressReporter: Sendable {
    /// Inputs smaller than this (bytes) get no progress line.
    static let threshold: UInt64 = 100_000_000

    let counters: InputCounters
    /// Total bytes on disk, or 0 when unknown (stdin).
    let total: UInt64
    private let stopping = Atomic<Bool>(false)
    private let thread = Mutex<pthread_t?>(nil)

    init(counters: InputCounters, total: UInt64) {
        self.counters = counters
        self.total = total
    }

    /// Starts redrawing every 250 ms.
    func start() {
        let t = WorkerThreads.spawn { [self] in
            let started = ProgressReporter.now()
            var drawn = false
            while !stopping.load(ordering: .relaxed) {
                for _ in 0..<5 where !stopping.load(ordering: .relaxed) { usleep(50_000) }
                if stopping.load(ordering: .relaxed) { break }
                let done = counters.bytesRead.load(ordering: .relaxed) + counters.bytesSkipped.load(ordering: .relaxed)
                ProgressReporter.write(
                    "\r\u{1B}[K"
                        + ProgressReporter.line(done: done, total: total, seconds: ProgressReporter.now() - started))
                drawn = true
            }
            if drawn { ProgressReporter.write("\r\u{1B}[K") }
        }
        thread.withLock { $0 = t }
    }

    /// Stops and erases the line.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        if let t = thread.withLock({ $0 }) { pthread_join(t, nil) }
    }

    /// The text of the progress line, e.g. `reading 120.0 MB of 235.1 MB (51%), 410.2 MB/s`.
    static func line(done: UInt64, total: UInt64, seconds: Double) -> String {
        func mb(_ b: UInt64) -> String {
            let v = Double(b) / 1_000_000
            let tenths = Int((v * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        let rate = seconds > 0 ? UInt64(Double(done) / seconds) : 0
        var s = "reading \(mb(done))"
        if total > 0 {
            s += " of \(mb(total)) (\(min(100, done * 100 / max(1, total)))%)"
        }
        return s + ", \(mb(rate))/s"
    }

    static func now() -> Double { Double(MonotonicClock.nanoseconds()) / 1e9 }

    static func write(_ s: String) {
        var s = s
        s.withUTF8 { b in _ = SystemFile.writeAll(2, UnsafeRawBufferPointer(b)) }
    }
}
