#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a plain file that start inside `[blockStart, blockEnd)`, read with pread(2).
///
/// Blocks cut a file without a pre-pass: a block skips the partial line it starts in (the
/// previous block owns it) and reads past its end to finish its last line. Every line is thus
/// read by exactly one block, whatever the block boundaries.
final class BlockSource: ByteSource {
    let fd: Int32
    let blockEnd: UInt64
    let fileSize: UInt64
    let context: ReadContext
    /// Offset of the first line owned by the block.
    private(set) var start: UInt64
    private var pos: UInt64
    private var lastByte: UInt8 = 0x0A
    private var done = false

    init(fd: Int32, blockStart: UInt64, blockEnd: UInt64, fileSize: UInt64, context: ReadContext) {
        self.fd = fd
        self.blockEnd = min(blockEnd, fileSize)
        self.fileSize = fileSize
        self.context = context
        var s = blockStart
        if blockStart > 0 {
            s = BlockSource.lineStart(fd: fd, from: blockStart - 1, fileSize: fileSize)
        }
        start = s
        pos = s
        if s >= self.blockEnd { done = true }
        // The bytes skipped to reach the first line belong to the previous block's last line
        // but are accounted here so that the blocks' counts add up to the file size.
        context.counters.addRead(Int(min(s, self.blockEnd) - min(blockStart, self.blockEnd)))
    }

    /// Offset just after the first `\n` at or after `from` (or the file size).
    static func lineStart(fd: Int32, from: UInt64, fileSize: UInt64) -> UInt64 {
        // Lines are short: one 4 KiB read almost always finds the newline.
        var buf = [UInt8](repeating: 0, count: 4096)
        var at = from
        while at < fileSize {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(at)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return fileSize }
            if let p = buf.withUnsafeBytes({ ByteSearch.firstNewline($0.baseAddress!, n) }) {
                return at + UInt64(p) + 1
            }
            at += UInt64(n)
        }
        return fileSize
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard !done, buffer.count > 0 else { return 0 }
        let inBlock = pos < blockEnd
        if !inBlock && lastByte == 0x0A {
            done = true
            return 0
        }
        let limit = inBlock ? min(UInt64(buffer.count), blockEnd - pos) : min(UInt64(buffer.count), fileSize - pos)
        guard limit > 0 else {
            done = true
            return 0
        }
        var n: Int
        repeat { n = pread(fd, buffer.baseAddress, Int(limit), off_t(pos)) } while n < 0 && errno == EINTR
        if n < 0 {
            context.problem(offset: pos, "read error at byte \(pos): \(String(cString: strerror(errno)))")
            done = true
            return 0
        }
        if n == 0 {
            // The file shrank while being read.
            done = true
            return 0
        }
        if inBlock {
            context.counters.addRead(n)
        } else if let p = ByteSearch.firstNewline(buffer.baseAddress!, n) {
            n = p + 1
            done = true
        }
        pos += UInt64(n)
        lastByte = buffer.load(fromByteOffset: n - 1, as: UInt8.self)
        return n
    }
}
