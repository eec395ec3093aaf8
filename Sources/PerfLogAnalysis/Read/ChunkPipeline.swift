import CByteScan

/// Hands chunks from one producing thread (reading, inflating) to scanning threads, through a
/// small ring of buffers, so that decompression and scanning overlap.
///
/// Every consumer scans. The producer's thread holds the first consumer and scans a filled chunk
/// itself whenever the ring has no free buffer, so there are as many threads as consumers and
/// every one of them is busy: inflating with ISA-L takes about a third of the time scanning
/// does, so a producer beside a single scanner would leave a core mostly idle, and a producer
/// beside as many scanners as cores gets only its share of a core while everything waits on it
/// (BENCHMARKS.md, row 16.2).
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

        /// Scans one filled item on the producer's thread.
        private let help: (Item) -> Void

        init(_ p: ChunkPipeline, countLines: Bool, help: @escaping (Item) -> Void) {
            pipeline = p
            nextLine = countLines ? 1 : nil
            self.help = help
        }

        func takeBuffer(minCapacity: Int) -> ChunkBuffer {
            var buffer = pipeline.free.tryPop()
            // No free buffer: the scanners are behind, so scan a filled chunk here (it frees its
            // buffer) rather than wait. Wait only when every buffer is being scanned.
            while buffer == nil, let item = pipeline.filled.tryPop() {
                help(item)
                buffer = pipeline.free.tryPop()
            }
            let b = buffer ?? pipeline.free.pop()
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
        while process(filled.pop(), with: consumer) {}
    }

    /// Scans one item and recycles its buffer; `false` at `.end`.
    private func process<C: ChunkConsumer>(_ item: Item, with consumer: C) -> Bool {
        switch item {
        case .end:
            return false
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
        return true
    }

    /// Runs `produce` and the consumers on one thread per consumer, and waits for all.
    ///
    /// - Parameters:
    ///   - consumers: at least one; the producer's thread holds `consumers[0]` and scans when the
    ///     ring is full, each other consumer scans on a thread of its own.
    ///   - countLines: whether chunks carry line numbers (the stream starts at line 1).
    ///   - produce: pumps a ``LineAssembler`` built on the given outlet; called on the producer's
    ///     thread.
    static func run<C: ChunkConsumer>(
        consumers: [C], bufferSize: Int, context: ReadContext, countLines: Bool, crc: DeferredCRC? = nil,
        produce: @escaping (ChunkOutlet) -> Void
    ) {
        precondition(!consumers.isEmpty, "ChunkPipeline needs at least one consumer")
        let pipeline = ChunkPipeline(slots: consumers.count + 3, bufferSize: bufferSize, context: context, crc: crc)
        let helper = consumers[0]
        let scanning = consumers.dropFirst()
        let producer: () -> Void = {
            produce(Outlet(pipeline, countLines: countLines) { _ = pipeline.process($0, with: helper) })
            // The chunks the scanners have not taken yet are shared with them (no `.end` is queued
            // before this loop ends).
            while let item = pipeline.filled.tryPop() { _ = pipeline.process(item, with: helper) }
            for _ in scanning.indices { pipeline.filled.push(.end) }
        }
        WorkerThreads.run(each: [producer] + scanning.map { c in { pipeline.drain(into: c) } })
        crc?.verify(context: context)
    }
}
