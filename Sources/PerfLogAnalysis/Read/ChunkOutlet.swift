/// Where a ``LineAssembler`` hands its whole-line chunks.
protocol ChunkOutlet: AnyObject {
    /// A buffer of at least `minCapacity` bytes for the assembler to write into next.
    func takeBuffer(minCapacity: Int) -> ChunkBuffer
    /// Delivers the first `count` bytes of `buffer` (whole lines); the buffer's ownership passes
    /// to the outlet, which returns it through a later ``takeBuffer(minCapacity:)``.
    func deliver(_ buffer: ChunkBuffer, count: Int, byteOffset: UInt64)
    /// A line longer than the cap was skipped.
    func oversized(byteOffset: UInt64, length: UInt64)
    /// Takes back a buffer from ``takeBuffer(minCapacity:)`` that holds nothing to deliver.
    func recycle(_ buffer: ChunkBuffer)
}

/// Calls a consumer directly, on the assembling thread, and counts lines when asked to.
final class DirectOutlet<C: ChunkConsumer>: ChunkOutlet {
    let consumer: C
    let context: ReadContext
    /// The 1-based number of the next line, when known.
    var nextLine: Int?
    /// Lines delivered (complete lines plus skipped oversized lines).
    private(set) var lines: UInt64 = 0
    private var spare: [ChunkBuffer] = []
    let defaultCapacity: Int

    init(consumer: C, context: ReadContext, firstLine: Int?, defaultCapacity: Int) {
        self.consumer = consumer
        self.context = context
        self.nextLine = firstLine
        self.defaultCapacity = defaultCapacity
    }

    /// Starts a new run of lines (a block or a member) on this outlet, keeping its buffers:
    /// line numbering starts at `firstLine` and ``lines`` at 0.
    func start(firstLine: Int?) {
        nextLine = firstLine
        lines = 0
    }

    func takeBuffer(minCapacity: Int) -> ChunkBuffer {
        let b = spare.popLast() ?? ChunkBuffer(capacity: max(minCapacity, defaultCapacity))
        if b.capacity < minCapacity { b.grow(to: minCapacity, keeping: 0) }
        return b
    }

    func deliver(_ buffer: ChunkBuffer, count: Int, byteOffset: UInt64) {
        let raw = UnsafeRawBufferPointer(start: buffer.base, count: count)
        let n = consumer.consume(
            LineChunk(
                bytes: raw, sourceIndex: context.sourceIndex, firstLine: nextLine, byteOffset: byteOffset,
                slack: buffer.slack(after: count)))
        if let l = nextLine { nextLine = l + n }
        lines += UInt64(n)
        context.counters.addDecoded(count)
        recycle(buffer)
    }

    func recycle(_ buffer: ChunkBuffer) {
        if spare.count < 2 { spare.append(buffer) }
    }

    func oversized(byteOffset: UInt64, length: UInt64) {
        consumer.oversizedLine(sourceIndex: context.sourceIndex, line: nextLine, byteOffset: byteOffset, length: length)
        if let l = nextLine { nextLine = l + 1 }
        lines += 1
    }
}
