import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only file sink: no rotation, no compression (the rotating writer is
/// `RotatingFileWriter`).
///
/// The file is opened with `O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC` and mode
/// `0640` (before the umask), so a symbolic link planted at the path is refused; anything but a
/// regular file or a character device (`/dev/null`) is refused too, and a FIFO never blocks. Writes are
/// serialised by a lock, so the sink may be shared by any number of threads and lines never
/// interleave. After `init` it never throws: failures are counted in ``status`` and the first one
/// is reported once on standard error.
///
/// With `bufferCapacity` 0 (the default) each line is one `write(2)`, so a crash loses nothing
/// already logged. A larger capacity gathers lines and writes them when the buffer fills, on
/// ``flush()`` and when the sink is released; lines still buffered at a crash are lost.
///
/// ```swift
/// let sink = try PlainFileSink(path: "/var/log/app/perf.ndjson")
/// LoggingSystem.bootstrap { PerfLogHandler(label: $0, sink: sink) }
/// ```
public final class PlainFileSink: LineSink {
    /// The path the sink writes.
    public let path: String
    private let fd: Int32
    private let bufferCapacity: Int
    private let state: Mutex<FileSinkState>

    /// Opens (creating if needed) the file at `path` for appending.
    ///
    /// - Parameters:
    ///   - path: the file to append to.
    ///   - mode: permission bits for a new file (default `0o640`), subject to the umask.
    ///   - bufferCapacity: bytes gathered before a `write(2)`; 0 writes every line at once.
    /// - Throws: ``SinkError`` when the file cannot be opened or the path is a symbolic link.
    public init(path: String, mode: UInt32 = 0o640, bufferCapacity: Int = 0) throws(SinkError) {
        // O_NONBLOCK: a FIFO without a reader fails (ENXIO) instead of blocking the app forever.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode_t(mode))
        if fd < 0 {
            let e = errno
            throw SinkError(e == ELOOP ? .symlinkRefused : .openFailed, path: path, errno: e)
        }
        var st = stat()
        let kind = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0
        guard kind == S_IFREG || kind == S_IFCHR else {
            close(fd)
            throw SinkError(.notAFile, path: path, errno: 0)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.path = path
        self.fd = fd
        self.bufferCapacity = max(0, bufferCapacity)
        var s = FileSinkState()
        if bufferCapacity > 0 { s.buffer.reserveCapacity(bufferCapacity + 4096) }
        self.state = Mutex(s)
    }

    deinit {
        flush()
        close(fd)
    }

    public func write(line: UnsafeRawBufferPointer) {
        let report: String? = state.withLock { s in
            if bufferCapacity == 0 {
                return s.counters.record(SystemFile.writeAll(fd, line).errno, bytes: line.count, what: path)
            }
            s.buffer.append(contentsOf: line)
            s.pendingLines += 1
            return s.buffer.count >= bufferCapacity ? s.drain(fd: fd, path: path) : nil
        }
        if let report { FileDescriptorIO.reportOnStandardError(report) }
    }

    /// Writes any buffered lines to the file.
    public func flush() {
        let report: String? = state.withLock { $0.drain(fd: fd, path: path) }
        if let report { FileDescriptorIO.reportOnStandardError(report) }
    }

    /// Lines and bytes written, and failures.
    public var status: SinkStatus { state.withLock { $0.counters.status } }
}

struct FileSinkState: Sendable {
    var counters = SinkState()
    var buffer: [UInt8] = []
    var pendingLines = 0

    mutating func drain(fd: Int32, path: String) -> String? {
        guard !buffer.isEmpty else { return nil }
        let rc = buffer.withUnsafeBytes { SystemFile.writeAll(fd, $0).errno }
        let lines = pendingLines
        let bytes = buffer.count
        buffer.removeAll(keepingCapacity: true)
        pendingLines = 0
        if rc == 0 {
            counters.status.linesWritten += lines
            counters.status.bytesWritten += bytes
            return nil
        }
        counters.status.failedLines += lines - 1
        return counters.record(rc, bytes: 0, what: path)
    }
}
