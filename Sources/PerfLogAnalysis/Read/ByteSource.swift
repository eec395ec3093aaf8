import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something bytes are pulled from: a file range, a pipe, or a decompressor over either.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`.
    ///
    /// - Returns: the number of bytes read; 0 only at the end of the data (or after a problem
    ///   that the source has recorded).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// Reads `[start, end)` of an open file with pread(2), adding what it reads to a counter.
///
/// No single read crosses `softEnd` (where an archive member is expected to end), so that
/// reading a member does not read ahead into the next one; reading past it goes on when asked.
final class FileRangeSource: ByteSource {
    let fd: Int32
    private(set) var offset: UInt64
    let end: UInt64
    let softEnd: UInt64
    let context: ReadContext
    /// Set when pread failed (the problem is recorded in the context).
    private(set) var failed = false

    init(fd: Int32, start: UInt64, end: UInt64, softEnd: UInt64? = nil, context: ReadContext) {
        self.fd = fd
        self.offset = start
        self.end = end
        self.softEnd = softEnd ?? end
        self.context = context
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < end, buffer.count > 0, !failed else { return 0 }
        let limit = offset < softEnd ? min(softEnd, end) : end
        let want = Int(min(UInt64(buffer.count), limit - offset))
        while true {
            let n = pread(fd, buffer.baseAddress, want, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                context.problem(offset: offset, "read error at byte \(offset): \(String(cString: strerror(errno)))")
                return 0
            }
            offset += UInt64(n)
            context.counters.addRead(n)
            return n
        }
    }
}

/// Reads a stream (pipe, terminal, stdin) with read(2), first replaying bytes already peeked.
final class StreamSource: ByteSource {
    let fd: Int32
    private var prefix: [UInt8]
    private var prefixAt = 0
    let context: ReadContext
    private var failed = false

    init(fd: Int32, prefix: [UInt8], context: ReadContext) {
        self.fd = fd
        self.prefix = prefix
        self.context = context
    }

    /// Reads up to `count` bytes to look at the start of the stream; they are replayed by ``read(into:)``.
    static func peek(fd: Int32, count: Int, context: ReadContext) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { SystemFile.read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        context.counters.addRead(got)
        return Array(out.prefix(got))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard buffer.count > 0, !failed else { return 0 }
        if prefixAt < prefix.count {
            let n = min(buffer.count, prefix.count - prefixAt)
            prefix.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + prefixAt, byteCount: n) }
            prefixAt += n
            return n
        }
        while true {
            let n = SystemFile.read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                context.problem(offset: nil, "read error: \(String(cString: strerror(errno)))")
                return 0
            }
            context.counters.addRead(n)
            return n
        }
    }
}

/// A ``ByteSource`` over bytes in memory.
final class MemorySource: ByteSource {
    private var rest: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { rest = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, rest.count)
        guard n > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: rest.baseAddress!, byteCount: n)
        rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        return n
    }
}
