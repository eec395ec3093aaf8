@_spi(Internals) import PerfLog
import Synchronization

/// Reads a gzip file: perflog's indexed members in parallel (skipping those outside the time
/// window), everything else (another tool's single- or multi-member stream, the bytes after a
/// lying index) sequentially, one worker inflating while the others scan (``ChunkPipeline``).
///
/// The index is a hint. Each member read in parallel is checked: its deflate stream must end
/// exactly where the index says the trailer is, the trailer's CRC-32 and ISIZE must match, and
/// so must the index's uncompressed size and line count. A member whose data runs past (or
/// stops before) its indexed end is read to its real end, the problem is reported, and the
/// bytes between its real end and the next planned member are read sequentially, so no data is
/// skipped and none is read twice.
enum GzipFileReader {
    /// Chunk buffer size for the sequential (pipelined) path.
    static let pipelineBufferSize = 512 * 1024
    /// Chunk buffer size for members read in parallel.
    static let memberBufferSize = 1 << 20

    /// Outcome of reading one planned member.
    struct MemberResult: Sendable {
        /// File offset just after the member's trailer, when it was reached.
        var realEnd: UInt64?
    }

    static func read<C: ChunkConsumer>(
        fd: Int32, size: UInt64, context: ReadContext, consumers: [C], window: ClosedRange<Timestamp>?
    ) {
        // The caller's thread hops through the headers and hands each member to be read to the
        // queue at once; the other threads start reading while the hop goes on (their start-up
        // and the hop overlap), and the caller joins them when the hop is done.
        let queue = BlockingQueue<(Int, MemberPlan.Member)?>()
        let done = Mutex<[Int: MemberResult]>([:])
        var plan = MemberPlan()
        func readQueued(_ consumer: C) {
            // One outlet per thread for all its members, so their buffers are reused.
            let outlet = DirectOutlet(
                consumer: consumer, context: context, firstLine: nil, defaultCapacity: memberBufferSize)
            let whole = WholeMemberReader()
            while let (i, m) = queue.pop() {
                let r = readMember(m, fd: fd, fileSize: size, context: context, outlet: outlet, whole: whole)
                done.withLock { $0[i] = r }
            }
        }
        let hopThenRead = {
            plan = MemberPlan.make(fd: fd, fileSize: size, window: window) { queue.push(($0, $1)) }
            for _ in consumers { queue.push(nil) }
            readQueued(consumers[0])
        }
        WorkerThreads.run(each: [hopThenRead] + consumers.dropFirst().map { consumer in { readQueued(consumer) } })

        var results = [MemberResult?](repeating: nil, count: plan.members.count)
        for (i, r) in done.withLock({ $0 }) { results[i] = r }
        for (i, m) in plan.members.enumerated() where m.skipped {
            results[i] = MemberResult(realEnd: m.plannedEnd)
            context.counters.membersSkipped.add(1, ordering: .relaxed)
            context.counters.bytesSkipped.add(m.index.memberSize, ordering: .relaxed)
        }

        // Sequential reading of everything the parallel pass did not cover.
        var cursor: UInt64? = 0
        var afterMember = false
        for (i, m) in plan.members.enumerated() {
            if let c = cursor, c < m.offset {
                readSequential(
                    fd: fd, start: c, end: m.offset, context: context, consumers: consumers, followsMember: afterMember,
                    countLines: false)
            }
            cursor = results[i]?.realEnd
            afterMember = true
        }
        let tailStart = cursor ?? plan.end
        let problemsBefore = context.counters.problems.withLock { $0.count }
        if tailStart < size {
            readSequential(
                fd: fd, start: tailStart, end: size, context: context, consumers: consumers, followsMember: afterMember,
                countLines: plan.members.isEmpty)
        }
        // An index whose size runs past the end of the file is what a truncated file looks like:
        // the sequential read reports that. When the rest of the file was fine, the index lied.
        if let reason = plan.stopReason, context.counters.problems.withLock({ $0.count }) == problemsBefore {
            context.problem(offset: plan.end, reason)
        }
    }

    /// Inflates one indexed member on the calling thread and checks it against its index: whole,
    /// with libdeflate, when it reads cleanly that way; streaming otherwise, which reports
    /// exactly what is wrong with it.
    static func readMember<C: ChunkConsumer>(
        _ m: MemberPlan.Member, fd: Int32, fileSize: UInt64, context: ReadContext, outlet: DirectOutlet<C>,
        whole: WholeMemberReader?
    ) -> MemberResult {
        outlet.start(firstLine: m.firstLine)
        let assembler = LineAssembler(outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: memberBufferSize)
        let realEnd: UInt64
        let decodedSize: UInt64
        if let whole, let decoded = whole.read(m, fd: fd, context: context) {
            assembler.pump(MemorySource(decoded))
            assembler.finish()
            realEnd = m.plannedEnd
            decodedSize = UInt64(decoded.count)
        } else {
            let upstream = FileRangeSource(
                fd: fd, start: m.offset, end: fileSize, softEnd: m.plannedEnd, context: context)
            let source = GzipSource(
                upstream: upstream, startOffset: m.offset, context: context, singleMember: true,
                inputBufferSize: Int(min(256 * 1024, m.index.memberSize)))
            assembler.pump(source)
            assembler.finish()
            guard !source.decoder.failed, source.decoder.membersDecoded == 1 else { return MemberResult(realEnd: nil) }
            realEnd = source.decoder.offset
            decodedSize = source.decoder.memberSize
        }
        let at = m.offset
        if realEnd != m.plannedEnd {
            context.problem(
                offset: at,
                "the index of the gzip member at byte \(at) says it is \(m.index.memberSize) bytes, but it ends at byte \(realEnd); the index was ignored from there and the rest read sequentially"
            )
        } else if decodedSize != m.index.uncompressedSize {
            context.problem(
                offset: at,
                "the index of the gzip member at byte \(at) says \(m.index.uncompressedSize) uncompressed bytes, the member holds \(decodedSize); its data was read"
            )
        } else if outlet.lines != m.index.lineCount {
            context.problem(
                offset: at,
                "the index of the gzip member at byte \(at) says \(m.index.lineCount) lines, the member holds \(outlet.lines); its data was read"
            )
        }
        return MemberResult(realEnd: realEnd)
    }

    /// Reads `[start, end)` as a gzip stream: with several consumers, the first one's thread
    /// inflates (and scans when the others fall behind) while each other consumer scans on a
    /// thread of its own; with one, everything runs on the calling thread.
    static func readSequential<C: ChunkConsumer>(
        fd: Int32, start: UInt64, end: UInt64, context: ReadContext, consumers: [C], followsMember: Bool,
        countLines: Bool
    ) {
        if consumers.count == 1 {
            let upstream = FileRangeSource(fd: fd, start: start, end: end, context: context)
            let source = GzipSource(
                upstream: upstream, startOffset: start, context: context, followsMember: followsMember)
            let outlet = DirectOutlet(
                consumer: consumers[0], context: context, firstLine: countLines ? 1 : nil,
                defaultCapacity: pipelineBufferSize)
            let assembler = LineAssembler(
                outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: pipelineBufferSize)
            assembler.pump(source)
            assembler.finish()
            return
        }
        let crc = DeferredCRC()
        ChunkPipeline.run(
            consumers: consumers, bufferSize: pipelineBufferSize, context: context, countLines: countLines, crc: crc
        ) { outlet in
            let upstream = FileRangeSource(fd: fd, start: start, end: end, context: context)
            let source = GzipSource(
                upstream: upstream, startOffset: start, context: context, followsMember: followsMember, deferredCRC: crc
            )
            let assembler = LineAssembler(
                outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: pipelineBufferSize)
            assembler.onDiscard = { crc.account(offset: $0, bytes: $1) }
            assembler.pump(source)
            assembler.finish()
        }
    }
}
