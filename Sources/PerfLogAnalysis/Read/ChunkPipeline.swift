/// Hands chunks from one producing thread (reading, inflating) to scanning threads, through a
/// small ring of buffers, so that decompression and scanning overlap.
///
/// Memory is bounded by the ring: `slots` buffers of `bufferSize` bytes (more only while a
/// line longer than a buffer is being assembled).
final class ChunkPipeline: Sendable {
    enum Item: Sendable {
        case chunk(ChunkBuffer, count: Int, byteOffset: UInt64)
        case oversized(byteOffset: UInt64, length: UInt64)
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

    /// The producer's side, given to a ``LineAssembler``.
    final class Outlet: ChunkOutlet {
        let pipeline: ChunkPipeline
        init(_ p: ChunkPipeline) { pipeline = p }

        func takeBuffer(minCapacity: Int) -> ChunkBuffer {
            let b = pipeline.free.pop()
            if b.capacity < minCapacity { b.grow(to: minCapacity, keeping: 0) }
            return b
        }

        func deliver(_ buffer: ChunkBuffer, count: Int, byteOffset: UInt64) {
            pipeline.filled.push(.chunk(buffer, count: count, byteOffset: byteOffset))
        }

        func recycle(_ buffer: ChunkBuffer) {
            pipeline.free.push(buffer)
        }

        func oversized(byteOffset: UInt64, length: UInt64) {
            pipeline.filled.push(.oversized(byteOffset: byteOffset, length: length))
        }
    }

    /// A scanning thread's loop: consumes items until `.end`. Line numbers are given when
    /// `countLines` is true (only correct with a single scanning thread, which sees every chunk in order).
    func drain<C: ChunkConsumer>(into consumer: C, countLines: Bool) {
        var nextLine: Int? = countLines ? 1 : nil
        while true {
            switch filled.pop() {
            case .end:
                return
            case .chunk(let buffer, let count, let byteOffset):
                let raw = UnsafeRawBufferPointer(start: buffer.base, count: count)
                let n = consumer.consume(
                    LineChunk(
                        bytes: raw, sourceIndex: context.sourceIndex, firstLine: nextLine, byteOffset: byteOffset,
                        slack: buffer.slack(after: count)))
                crc?.account(offset: byteOffset, bytes: raw)
                if let l = nextLine { nextLine = l + n }
                context.counters.addDecoded(count)
                free.push(buffer)
            case .oversized(let byteOffset, let length):
                consumer.oversizedLine(
                    sourceIndex: context.sourceIndex, line: nextLine, byteOffset: byteOffset, length: length)
                if let l = nextLine { nextLine = l + 1 }
            }
        }
    }

    /// Runs `produce` on one thread and `scanners` consumers on the others, and waits for all.
    ///
    /// - Parameters:
    ///   - consumers: one per scanning thread.
    ///   - produce: pumps a ``LineAssembler`` built on the given outlet; called on its own thread.
    static func run<C: ChunkConsumer>(
        consumers: [C], bufferSize: Int, context: ReadContext, countLines: Bool, crc: DeferredCRC? = nil,
        produce: @escaping (ChunkOutlet) -> Void
    ) {
        let pipeline = ChunkPipeline(slots: consumers.count + 3, bufferSize: bufferSize, context: context, crc: crc)
        let countLines = countLines && consumers.count == 1
        let scanners = consumers.count
        let producer: () -> Void = {
            produce(Outlet(pipeline))
            for _ in 0..<scanners { pipeline.filled.push(.end) }
        }
        WorkerThreads.run(each: [producer] + consumers.map { c in { pipeline.drain(into: c, countLines: countLines) } })
        crc?.verify(context: context)
    }
}
