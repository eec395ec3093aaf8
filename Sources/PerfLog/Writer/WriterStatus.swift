import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RotatingFileWriter {
    /// A snapshot of the writer's counters and health, from ``RotatingFileWriter/statistics()``.
    public struct Statistics: Sendable, Equatable {
        /// Lines callers handed over that the queue accepted.
        public var linesAccepted: UInt64 = 0
        /// Lines dropped because the queue was full (policy `dropNewest`) or the writer was closed.
        public var linesDroppedByQueue: UInt64 = 0
        /// Accepted lines that could not be written (disk full, permission denied, …).
        public var linesLostToErrors: UInt64 = 0
        /// Bytes written to active files.
        public var bytesWritten: UInt64 = 0
        /// Bytes waiting in the queue.
        public var queuedBytes = 0
        /// Rotations done.
        public var rotations: UInt64 = 0
        /// Segments compressed into archives.
        public var segmentsCompressed: UInt64 = 0
        /// Archives deleted by retention.
        public var segmentsDeleted: UInt64 = 0
        /// Failures of any operation (write, rotate, compress, retention), each counted once.
        public var failures: UInt64 = 0
        /// The most recent failure, if any.
        public var lastError: WriterError? = nil
        /// False while the writer cannot write (it keeps retrying and resumes on its own).
        public var isWriting = true
    }
}

/// Counters shared by the writer and compressor threads, and failure reporting: each failure is
/// counted; an episode of failures is reported once on standard error, and its end once too.
final class WriterHealth: Sendable {
    private struct State {
        var stats = RotatingFileWriter.Statistics()
        var failing: Set<String> = []  // operations currently failing (reported once)
    }
    private let state = Mutex(State())
    private let reportsOnStandardError: Bool
    private let label: String

    init(label: String, reportsOnStandardError: Bool) {
        self.label = label
        self.reportsOnStandardError = reportsOnStandardError
    }

    func update(_ body: (inout RotatingFileWriter.Statistics) -> Void) {
        state.withLock { body(&$0.stats) }
    }

    var snapshot: RotatingFileWriter.Statistics { state.withLock { $0.stats } }

    /// Records a failure of `operation`; the first of an episode goes to standard error.
    func failed(_ operation: String, _ error: WriterError) {
        let first = state.withLock { s -> Bool in
            s.stats.failures += 1
            s.stats.lastError = error
            if operation == "write" || operation == "open" { s.stats.isWriting = false }
            return s.failing.insert(operation).inserted
        }
        if first { report("perflog writer (\(label)): \(error); will retry, failures are counted") }
    }

    /// Records that `operation` works again, ending its failure episode.
    func recovered(_ operation: String, note: String = "") {
        let was = state.withLock { s -> Bool in
            if operation == "write" || operation == "open" { s.stats.isWriting = true }
            return s.failing.remove(operation) != nil
        }
        if was { report("perflog writer (\(label)): \(operation) works again\(note)") }
    }

    /// True while `operation` is failing.
    func isFailing(_ operation: String) -> Bool { state.withLock { $0.failing.contains(operation) } }

    private func report(_ message: String) {
        guard reportsOnStandardError else { return }
        let line = message + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
