/// A heap buffer that decoded bytes are written into and whole lines are handed out of.
///
/// Ownership moves between threads through ``ChunkPipeline``: one thread at a time writes or
/// reads it, and the pipeline's semaphores order those accesses.
final class ChunkBuffer: @unchecked Sendable {
    // @unchecked Sendable: the buffer is only ever touched by the thread that currently owns it;
    // ownership is handed over through ChunkPipeline's queue (a mutex plus semaphores), which
    // establishes happens-before between the writer and the reader.
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(byteCount: self.capacity, alignment: 64)
    }

    deinit { base.deallocate() }

    /// Grows to `newCapacity`, keeping the first `keeping` bytes.
    func grow(to newCapacity: Int, keeping: Int) {
        guard newCapacity > capacity else { return }
        let n = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 64)
        n.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = n
        capacity = newCapacity
    }
}
