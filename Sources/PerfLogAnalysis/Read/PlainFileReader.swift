import Synchronization

/// Reads an uncompressed file: cut into blocks at line boundaries, scanned in parallel, one
/// consumer per thread. Memory: two chunk buffers per thread, whatever the file size.
enum PlainFileReader {
    /// Bytes per chunk buffer: small enough that a chunk the kernel has just copied in is still in
    /// the core's L2 cache when it is scanned, next to the aggregation's tables (1 MiB chunks
    /// miss the cache several times more often: BENCHMARKS.md).
    static let bufferSize = 128 << 10

    static func read<C: ChunkConsumer>(fd: Int32, size: UInt64, context: ReadContext, consumers: [C]) {
        let threads = consumers.count
        let minBlock: UInt64 = 4 << 20
        if threads == 1 || size <= minBlock {
            readBlock(fd: fd, start: 0, end: size, fileSize: size, context: context, consumer: consumers[0])
            return
        }
        // Sixteen blocks per thread: a thread that is descheduled or meets slower lines near the end
        // leaves at most a small block for the others to wait on.
        let blockSize = max(minBlock, min(64 << 20, size / UInt64(threads * 16)))
        let blocks = Int((size + blockSize - 1) / blockSize)
        let counter = BlockCounter()
        WorkerThreads.run(
            each: consumers.map { consumer in
                {
                    // One outlet per thread for all its blocks: its buffers are reused, so memory stays
                    // at a few buffers per thread however many blocks the file is cut into.
                    let outlet = DirectOutlet(
                        consumer: consumer, context: context, firstLine: nil, defaultCapacity: bufferSize)
                    while true {
                        let b = counter.take()
                        guard b < blocks else { return }
                        let s = UInt64(b) * blockSize
                        readBlock(
                            fd: fd, start: s, end: min(size, s + blockSize), fileSize: size, context: context,
                            outlet: outlet)
                    }
                }
            })
    }

    static func readBlock<C: ChunkConsumer>(
        fd: Int32, start: UInt64, end: UInt64, fileSize: UInt64, context: ReadContext, consumer: C
    ) {
        let outlet = DirectOutlet(consumer: consumer, context: context, firstLine: nil, defaultCapacity: bufferSize)
        readBlock(fd: fd, start: start, end: end, fileSize: fileSize, context: context, outlet: outlet)
    }

    static func readBlock<C: ChunkConsumer>(
        fd: Int32, start: UInt64, end: UInt64, fileSize: UInt64, context: ReadContext, outlet: DirectOutlet<C>
    ) {
        let source = BlockSource(fd: fd, blockStart: start, blockEnd: end, fileSize: fileSize, context: context)
        outlet.start(firstLine: start == 0 ? 1 : nil)
        let assembler = LineAssembler(
            outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: bufferSize, startOffset: source.start)
        assembler.pump(source)
        assembler.finish()
    }
}

/// Hands out block numbers to worker threads.
final class BlockCounter: Sendable {
    private let next = Atomic<Int>(0)
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
