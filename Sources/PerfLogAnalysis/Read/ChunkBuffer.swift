/// A heap buffer that decoded bytes are written into and whole lines are handed out of.
///
/// Ownership moves between threads through ``ChunkPipeline``: one thread at a time writes or
/// reads it, and the pipeline's semaphores order those accesses.
final class ChunkBuffer: @unchecked Sendable {
    // @unchecked Sendable: the buffer is only ever touched by the thread that currently owns it;
    // ownership is handed over through ChunkPipeline's queue (a mutex plus semaphores), which
    // establishes happens-before between the writer and the reader.
    private(set) var base: UnsafeMutableRawPointer
    /// Bytes usable for data.
    private(set) var capacity: Int
    /// Readable bytes after ``capacity`` (zeroed), so that scanners may load whole words past
    /// the last line (see ``LineChunk/slack``).
    static let padding = 64

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = ChunkBuffer.allocate(self.capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutableRawPointer {
        let b = UnsafeMutableRawPointer.allocate(byteCount: capacity + padding, alignment: 64)
        // Only the padding is zeroed: the data area is written before it is read as data, and
        // as slack its stale bytes are loaded but never used. Zeroing it all would touch every
        // page of every buffer up front.
        (b + capacity).initializeMemory(as: UInt8.self, repeating: 0, count: padding)
        return b
    }

    /// Readable bytes after the first `count`: the rest of the capacity and the padding.
    @inline(__always)
    func slack(after count: Int) -> Int { capacity - count + ChunkBuffer.padding }

    deinit { base.deallocate() }

    /// Grows to `newCapacity`, keeping the first `keeping` bytes.
    func grow(to newCapacity: Int, keeping: Int) {
        guard newCapacity > capacity else { return }
        let n = ChunkBuffer.allocate(newCapacity)
        n.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = n
        capacity = newCapacity
    }
}
