import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads resolved sources and hands their lines, in chunks of whole lines, to one consumer per
/// worker thread.
///
/// Each source is read with the fastest path for what it holds, recognised by its first bytes:
/// - a plain file is cut into blocks at line boundaries and scanned in parallel;
/// - a gzip file made of perflog's indexed members is inflated member by member in parallel,
///   skipping members outside ``InputOptions/timeWindow`` without inflating them;
/// - any other gzip stream (from `gzip`, `pigz`, ...) is inflated by one worker thread while the
///   others scan what it produced; it scans too whenever they fall behind;
/// - stdin (and other pipes) is read sequentially, gzip or not, the same way: one worker reads
///   while the others scan.
///
/// Sources are read one after another; within a source the work is spread over
/// ``InputOptions/threads`` threads. Memory stays bounded by threads × buffer sizes (about a
/// MiB each), whatever the input size. A truncated or corrupt archive is read up to the break
/// and reported in ``InputSummary/problems``; reading goes on with the next source.
///
/// ```swift
/// let reader = InputReader(sources: try InputResolver.resolve(paths), options: InputOptions())
/// let (consumers, summary) = reader.run { _ in LineCounter() }
/// ```
@_spi(Internals) public struct InputReader: Sendable {
    /// The sources, in order.
    public var sources: [InputSource]
    /// Threads, line cap, time window, progress.
    public var options: InputOptions

    /// A reader of `sources`, in order.
    public init(sources: [InputSource], options: InputOptions = InputOptions()) {
        self.sources = sources
        self.options = options
    }

    /// Reads every source.
    ///
    /// - Parameter makeConsumer: builds the consumer of worker `i` (`0..<options.threads`);
    ///   each consumer is only ever called from one thread at a time.
    /// - Returns: the consumers, to be merged by the caller, and what was read.
    public func run<C: ChunkConsumer>(makeConsumer: (Int) -> C) -> (consumers: [C], summary: InputSummary) {
        let consumers = (0..<options.threads).map(makeConsumer)
        let counters = InputCounters()
        var total: UInt64 = 0
        for s in sources {
            if case .file(let path) = s.kind {
                var st = stat()
                if stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG { total += UInt64(st.st_size) }
            }
        }
        var progress: ProgressReporter?
        if options.progress && total > ProgressReporter.threshold {
            progress = ProgressReporter(counters: counters, total: total)
            progress?.start()
        }
        var i = 0
        while i < sources.count {
            // Runs of small files are read whole-file-per-thread, all threads at once: splitting
            // a small file gains nothing, and many small files would leave threads idle.
            var j = i
            while j < sources.count && options.threads > 1 && InputReader.isSmallFile(sources[j]) { j += 1 }
            if j - i >= 2 {
                readInParallel(Array(i..<j), counters: counters, consumers: consumers)
                i = j
                continue
            }
            let context = ReadContext(
                sourceIndex: i, name: sources[i].description, counters: counters, maxLineBytes: options.maxLineBytes)
            readSource(sources[i], context: context, consumers: consumers)
            i += 1
        }
        progress?.stop()
        let summary = InputSummary(
            files: sources.map(\.description),
            bytesRead: counters.bytesRead.load(ordering: .relaxed),
            bytesDecoded: counters.bytesDecoded.load(ordering: .relaxed),
            membersSkipped: counters.membersSkipped.load(ordering: .relaxed),
            problems: counters.problems.withLock { $0 })
        return (consumers, summary)
    }

    /// Files below this size (bytes) are not split between threads.
    static let smallFileSize: UInt64 = 4 << 20

    static func isSmallFile(_ s: InputSource) -> Bool {
        guard case .file(let path) = s.kind else { return false }
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && UInt64(st.st_size) < smallFileSize
    }

    /// Reads the sources at `indices`, each whole on one thread, the threads taking files in turn.
    private func readInParallel<C: ChunkConsumer>(_ indices: [Int], counters: InputCounters, consumers: [C]) {
        let next = BlockCounter()
        let maxLineBytes = options.maxLineBytes
        WorkerThreads.run(
            each: consumers.prefix(indices.count).map { consumer in
                {
                    while true {
                        let k = next.take()
                        guard k < indices.count else { return }
                        let i = indices[k]
                        let context = ReadContext(
                            sourceIndex: i, name: sources[i].description, counters: counters, maxLineBytes: maxLineBytes
                        )
                        readSource(sources[i], context: context, consumers: [consumer])
                    }
                }
            })
    }

    private func readSource<C: ChunkConsumer>(_ source: InputSource, context: ReadContext, consumers: [C]) {
        let fd: Int32
        switch source.kind {
        case .stdin:
            readStream(fd: 0, context: context, consumers: consumers)
            return
        case .file(let path):
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                context.problem(offset: nil, "cannot open: \(String(cString: strerror(errno)))")
                return
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            context.problem(offset: nil, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            readStream(fd: fd, context: context, consumers: consumers)
            return
        }
        let size = UInt64(st.st_size)
        if size == 0 {
            if context.name.hasSuffix(".gz") {
                context.problem(offset: 0, "empty file (a gzip archive holds at least one member)")
            }
            return
        }
        var magic: [UInt8] = [0, 0]
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
        if n == 2 && magic[0] == 0x1F && magic[1] == 0x8B {
            GzipFileReader.read(fd: fd, size: size, context: context, consumers: consumers, window: options.timeWindow)
        } else {
            PlainFileReader.read(fd: fd, size: size, context: context, consumers: consumers)
        }
    }

    /// Sequential reading of a pipe or stdin, gzip or plain by its first two bytes.
    private func readStream<C: ChunkConsumer>(fd: Int32, context: ReadContext, consumers: [C]) {
        let head = StreamSource.peek(fd: fd, count: 2, context: context)
        let isGzip = head == [0x1F, 0x8B]
        let bufferSize = GzipFileReader.pipelineBufferSize
        func makeSource() -> ByteSource {
            let raw = StreamSource(fd: fd, prefix: head, context: context)
            return isGzip ? GzipSource(upstream: raw, startOffset: 0, context: context) : raw
        }
        if consumers.count == 1 {
            let outlet = DirectOutlet(
                consumer: consumers[0], context: context, firstLine: 1, defaultCapacity: bufferSize)
            let assembler = LineAssembler(outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: bufferSize)
            assembler.deliversEachRead = options.deliversEachRead
            assembler.pump(makeSource())
            assembler.finish()
            return
        }
        let crc = isGzip ? DeferredCRC() : nil
        // The reading thread is one of the workers and scans only when the ring is full: a pipe's
        // writer is another process that needs a core too, and a reader descheduled among as many
        // busy scanners as cores leaves it blocked on a full pipe (plain stdin took twice as long
        // with a scanner on every core beside the reader: BENCHMARKS.md, row 16.2).
        ChunkPipeline.run(
            consumers: consumers, bufferSize: bufferSize, context: context, countLines: true, crc: crc
        ) { outlet in
            let raw = StreamSource(fd: fd, prefix: head, context: context)
            var source: ByteSource = raw
            if let crc {
                source = GzipSource(upstream: raw, startOffset: 0, context: context, deferredCRC: crc)
            }
            let assembler = LineAssembler(outlet: outlet, maxLineBytes: context.maxLineBytes, bufferSize: bufferSize)
            if let crc { assembler.onDiscard = { crc.account(offset: $0, bytes: $1) } }
            assembler.pump(source)
            assembler.finish()
        }
    }
}
