import Synchronization

/// A sink writing each line to standard output or standard error with one `write(2)` per line
/// (no buffering, so nothing is lost on a crash; serialised so lines never interleave).
///
/// A write to a pipe whose reader has gone raises `SIGPIPE`, which ends a process that has not
/// ignored it; an application logging into a pipe should call `signal(SIGPIPE, SIG_IGN)` at start,
/// after which such failures are counted (`EPIPE`) like any other.
///
/// ```swift
/// LoggingSystem.bootstrap { PerfLogHandler(label: $0, sink: StandardStreamSink.standardOutput) }
/// ```
public final class StandardStreamSink: LineSink {
    /// Which stream a sink writes.
    public enum Stream: Sendable {
        /// The process's standard output (file descriptor 1).
        case standardOutput
        /// The process's standard error (file descriptor 2).
        case standardError
    }

    /// A shared sink for standard output.
    public static let standardOutput = StandardStreamSink(.standardOutput)
    /// A shared sink for standard error.
    public static let standardError = StandardStreamSink(.standardError)

    private let fd: Int32
    private let state = Mutex(SinkState())

    /// Creates a sink for `stream`.
    public init(_ stream: Stream) {
        fd = stream == .standardOutput ? 1 : 2
    }

    public func write(line: UnsafeRawBufferPointer) {
        let report: String? = state.withLock { s in
            s.record(
                SystemFile.writeAll(fd, line).errno, bytes: line.count,
                what: fd == 1 ? "standard output" : "standard error")
        }
        if let report { FileDescriptorIO.reportOnStandardError(report) }
    }

    /// Nothing to do: every line was written when it arrived.
    public func flush() {}

    /// Lines and bytes written, and failures.
    public var status: SinkStatus { state.withLock { $0.status } }
}

/// Counters shared by the file-descriptor sinks.
struct SinkState: Sendable {
    var status = SinkStatus()
    var reported = false

    /// Counts one write; returns the message to report when this is the first failure.
    mutating func record(_ rc: Int32, bytes: Int, what: String) -> String? {
        if rc == 0 {
            status.linesWritten += 1
            status.bytesWritten += bytes
            return nil
        }
        status.failedLines += 1
        status.lastErrno = rc
        if reported { return nil }
        reported = true
        return "cannot write to \(what): \(SinkError.errnoText(rc)); further failures are counted, not reported"
    }
}
