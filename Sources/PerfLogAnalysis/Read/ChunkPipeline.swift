import CByteScan

/// Hands chunks from one producing thread (reading, inflating) to scanning threads, through a
/// small ring of buffers, so that decompression and scanning overlap.
///
/// Every consumer scans: the producer runs on a thread of its own beside them, and the system
/// shares the cores between the producer and the scanners. Inflating with ISA-L takes about a
/// third of the time scanning does, so a producer beside a single scanner would leave a core
/// mostly idle (BENCHMARKS.md, row 16.2).
///
/// Memory is bounded by the ring: `slots` buffers of `bufferSize` bytes (more only while a
/// line longer than a buffer is being assembled).
final class ChunkPipeline: Sendable {
    enum Item: Sendable {
        case chunk(ChunkBuffer, count: Int, byteOffset: UInt64, firstLine: Int?)
        case oversized(byteOffset: UInt64, length: UInt64, line: Int?)
        case end
    }

    let free = BlockingQueue<ChunkBuffer>()
    let filled = BlockingQueue<Item>()
    let context: ReadContext
    /// When set, scanning threads compute the gzip CRCs of what they scan.
    let crc: DeferredCRC?

    init(slots: Int, bufferSize: Int, context: ReadContext, crc: DeferredCRC?) {
        self.context = context
        self.crc = crc
        for _ in 0..<max(2, slots) { free.push(ChunkBuffer(capacity: bufferSize)) }
    }

    /// The producer's side, given to a ``LineAssembler``. When it numbers lines, it counts each
    /// chunk's `\n` bytes (16 a step) as it hands the chunk on, so that chunks scanned on
    /// different threads, in any order, still carry their first line's number.
    final class Outlet: ChunkOutlet {
        let pipeline: ChunkPipeline
        /// The 1-based number of the next line, when lines are numbered.
        private var nextLine: Int?

        init(_ p: ChunkPipeline, countLines: Bool) {
            pipeline = p
            nextLine = countLines ? 1 : nil
        }

        func takeBuffer(minCapacity: Int) -> ChunkBuffer {
            let b = pipeline.free.pop()
            if b.capacity < minCapacity { b.grow(to: minCapacity, keeping: 0) }
            return b
        }

        func deliver(_ buffer: ChunkBuffer, count: Int, byteOffset: UInt64) {
            let line = nextLine
            if let l = line {
                nextLine = l + perflog_count_newlines(buffer.base.assumingMemoryBound(to: UInt8.self), count)
            }
            pipeline.filled.push(.chunk(buffer, count: count, byteOffset: byteOffset, firstLine: line))
        }

        func recycle(_ buffer: ChunkBuffer) {
            pipeline.free.push(buffer)
        }

        func oversized(byteOffset: UInt64, length: UInt64) {
            let line = nextLine
            nextLine = line.map { $0 + 1 }
            pipeline.filled.push(.oversized(byteOffset: byteOffset, length: length, line: line))
        }
    }

    /// A scanning thread's loop: consumes items until `.end`.
    func drain<C: ChunkConsumer>(into consumer: C) {
        while true {
            switch filled.pop() {
            case .end:
                return
            case .chunk(let buffer, let count, let byteOffset, let firstLine):
                let raw = UnsafeRawBufferPointer(start: buffer.base, count: count)
                _ = consumer.consume(
                    LineChunk(
                        bytes: raw, sourceIndex: context.sourceIndex, firstLine: firstLine, byteOffset: byteOffset,
                        slack: buffer.slack(after: count)))
                crc?.account(offset: byteOffset, bytes: raw)
                context.counters.addDecoded(count)
                free.push(buffer)
            case .oversized(let byteOffset, let length, let line):
                consumer.oversizedLine(
                    sourceIndex: context.sourceIndex, line: line, byteOffset: byteOffset, length: length)
            }
        }
    }

    /// Runs `produce` on one thread and each consumer on a thread of its own, and waits for all.
    ///
    /// - Parameters:
    ///   - consumers: one per scanning thread.
    ///   - countLines: whether chunks carry line numbers (the stream starts at line 1).
    ///   - produce: pumps a ``LineAssembler`` built on the given outlet; called on its own thread.
    static func run<C: ChunkConsumer>(
        consumers: [C], bufferSize: Int, context: ReadContext, countLines: Bool, crc: DeferredCRC? = nil,
        produce: @escaping (ChunkOutlet) -> Void
    ) {
        let pipeline = ChunkPipeline(slots: consumers.count + 3, bufferSize: bufferSize, context: context, crc: crc)
        let scanners = consumers.count
        let producer: () -> Void = {
            produce(Outlet(pipeline, countLines: countLines))
            for _ in 0..<scanners { pipeline.filled.push(.end) }
        }
        WorkerThreads.run(each: [producer] + consumers.map { c in { pipeline.drain(into: c) } })
        crc?.verify(context: context)
    }
}
