/// Cuts a stream of bytes pulled from a ``ByteSource`` into chunks of whole lines.
///
/// Bytes are read straight into the current buffer (no intermediate copy); when it is full, the
/// lines up to its last `\n` go to the outlet and the partial line at the end moves to the next
/// buffer. A line longer than `maxLineBytes` is skipped as it streams by (it is never buffered
/// whole) and reported; a final line without `\n` gets one.
final class LineAssembler {
    let outlet: ChunkOutlet
    let maxLineBytes: Int
    let defaultCapacity: Int
    private var buffer: ChunkBuffer
    private var fill = 0
    /// Bytes of `buffer` in use as the line window: lines must end within it. Starts at the
    /// default size and grows (up to `maxLineBytes + 1`) only while a long line is assembled.
    private var cap: Int
    /// Offset in the decoded stream of `buffer[0]`.
    private var offset: UInt64
    private var skipping = false
    private var skipStart: UInt64 = 0
    private var skipLength: UInt64 = 0
    /// Sees the bytes of skipped oversized lines (for checksums), with their decoded offset.
    var onDiscard: ((UInt64, UnsafeRawBufferPointer) -> Void)?
    /// Delivers the whole lines of every read as soon as it returns, instead of when the buffer
    /// is full: for a pipe that is followed (`perflog tail -f -`), where lines come slowly.
    var deliversEachRead = false

    /// - Parameters:
    ///   - bufferSize: bytes per chunk buffer (capped at `maxLineBytes + 1`).
    ///   - startOffset: decoded offset of the first byte pulled.
    init(outlet: ChunkOutlet, maxLineBytes: Int, bufferSize: Int, startOffset: UInt64 = 0) {
        self.outlet = outlet
        self.maxLineBytes = maxLineBytes
        defaultCapacity = max(1, min(bufferSize, maxLineBytes + 1))
        buffer = outlet.takeBuffer(minCapacity: defaultCapacity)
        cap = defaultCapacity
        offset = startOffset
    }

    /// Pulls from `source` until it returns 0, delivering whole lines.
    func pump(_ source: ByteSource) {
        while true {
            if fill == cap { flushFull() }
            let free = UnsafeMutableRawBufferPointer(start: buffer.base + fill, count: cap - fill)
            let n = source.read(into: free)
            if n == 0 { return }
            if skipping { skip(n) } else { fill += n }
            if deliversEachRead && !skipping && fill > 0, let last = ByteSearch.lastNewline(buffer.base, fill) {
                emit(last + 1)
            }
        }
    }

    /// Delivers what is left (appending `\n` to a final partial line) and gives the buffer back.
    /// Call it once, last.
    func finish() {
        defer {
            fill = 0
            outlet.recycle(buffer)
        }
        while fill == cap && !skipping { flushFull() }
        if skipping {
            outlet.oversized(byteOffset: skipStart, length: skipLength)
            skipping = false
        } else if fill > 0 {
            if buffer.base.load(fromByteOffset: fill - 1, as: UInt8.self) != 0x0A {
                buffer.base.storeBytes(of: 0x0A, toByteOffset: fill, as: UInt8.self)
                fill += 1
            }
            emit(fill)
        }
    }

    /// The buffer is full: deliver its whole lines, or grow it, or start skipping an oversized line.
    private func flushFull() {
        if let last = ByteSearch.lastNewline(buffer.base, fill) {
            emit(last + 1)
        } else if cap >= maxLineBytes + 1 {
            skipping = true
            skipStart = offset
            skipLength = UInt64(fill)
            onDiscard?(offset, UnsafeRawBufferPointer(start: buffer.base, count: fill))
            offset += UInt64(fill)
            fill = 0
        } else {
            cap = min(cap * 2, maxLineBytes + 1)
            buffer.grow(to: cap, keeping: fill)
        }
    }

    /// Bytes `[0, n)` were just read while skipping an oversized line.
    private func skip(_ n: Int) {
        guard let p = ByteSearch.firstNewline(buffer.base, n) else {
            onDiscard?(offset, UnsafeRawBufferPointer(start: buffer.base, count: n))
            skipLength += UInt64(n)
            offset += UInt64(n)
            return
        }
        onDiscard?(offset, UnsafeRawBufferPointer(start: buffer.base, count: p + 1))
        skipLength += UInt64(p)
        outlet.oversized(byteOffset: skipStart, length: skipLength)
        skipping = false
        let rest = n - p - 1
        if rest > 0 { buffer.base.copyMemory(from: buffer.base + p + 1, byteCount: rest) }
        offset += UInt64(p + 1)
        fill = rest
    }

    /// Delivers `buffer[0..<count]` and carries the rest over into a new buffer.
    private func emit(_ count: Int) {
        let tail = fill - count
        let need = tail < defaultCapacity / 2 ? defaultCapacity : cap
        let next = outlet.takeBuffer(minCapacity: need)
        cap = need
        if tail > 0 { next.base.copyMemory(from: buffer.base + count, byteCount: tail) }
        outlet.deliver(buffer, count: count, byteOffset: offset)
        offset += UInt64(count)
        buffer = next
        fill = tail
    }
}
