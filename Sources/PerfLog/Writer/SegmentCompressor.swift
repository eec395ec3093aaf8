#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The background thread that turns rotated plain segments into indexed multi-member gzip
/// archives and then applies retention, off the callers' and the writer thread's paths.
///
/// Each archive is written under a temporary name, `fsync`'d, renamed into place and the directory
/// `fsync`'d; only then is the plain segment removed. A crash at any moment leaves either the plain
/// segment (compressed again at the next start) or the complete archive (the plain copy, if still
/// there, is removed at start), never a torn archive under a final name and never both counted.
final class SegmentCompressor: @unchecked Sendable {
    // @unchecked Sendable: `queue`, `busy`, `failed` and `closed` are guarded by `lock`; `directory`
    // and everything else mutable is used only on the compressor thread (or before it starts).
    private let lock = ConditionLock(conditions: 2)
    private static let work = 0, idle = 1
    /// How long a failed compression waits before it is tried again.
    static let retryNanoseconds: Int64 = 5_000_000_000
    private var queue: [SegmentName] = []
    private var failed: [SegmentName] = []
    private var busy = false
    private var closed = false
    private var thread: WorkerThread?

    private let directory: LogDirectory
    private let configuration: RotatingFileWriter.Configuration
    private let health: WriterHealth
    private let retention: RetentionPolicy

    init(configuration: RotatingFileWriter.Configuration, health: WriterHealth) throws(WriterError) {
        self.configuration = configuration
        self.health = health
        self.retention = RetentionPolicy(rules: configuration.retention)
        directory = try LogDirectory(
            path: configuration.directory, directoryMode: mode_t(configuration.directoryMode),
            fileMode: mode_t(configuration.fileMode))
    }

    func start() {
        thread = WorkerThread(name: "perflog-compress", nice: max(0, configuration.compressionThreadNice)) { [self] in
            run()
        }
    }

    /// Queues a plain segment for compression (and retries earlier failures).
    func enqueue(_ name: SegmentName) {
        lock.lock()
        queue.append(contentsOf: failed)
        failed.removeAll()
        queue.append(name)
        queue.sort()
        lock.signal(Self.work)
        lock.unlock()
    }

    /// Asks for a retention pass without a new segment.
    func enforceRetention() {
        lock.lock()
        queue.append(contentsOf: failed)
        failed.removeAll()
        retentionRequested = true
        lock.signal(Self.work)
        lock.unlock()
    }
    private var retentionRequested = false

    /// Waits until every queued segment is compressed (or failed) and retention has run.
    func waitUntilIdle() {
        lock.lock()
        while (!queue.isEmpty || busy || retentionRequested) && thread != nil { lock.wait(Self.idle) }
        lock.unlock()
    }

    /// Finishes the queued work and stops the thread.
    func close() {
        lock.lock()
        closed = true
        lock.signal(Self.work)
        lock.unlock()
        thread?.join()
    }

    private func run() {
        while true {
            lock.lock()
            while queue.isEmpty && !retentionRequested && !closed {
                if failed.isEmpty {
                    lock.wait(Self.work)
                } else {
                    // Retry failed segments (e.g. the disk was full) every few seconds.
                    lock.wait(Self.work, nanoseconds: Self.retryNanoseconds)
                    queue.append(contentsOf: failed)
                    failed.removeAll()
                }
            }
            if queue.isEmpty && !retentionRequested && closed {
                lock.broadcast(Self.idle)
                lock.unlock()
                return
            }
            let next = queue.isEmpty ? nil : queue.removeFirst()
            retentionRequested = false
            busy = true
            lock.unlock()

            var ok = true
            if let next, configuration.compress { ok = compress(next) }
            applyRetention()

            lock.lock()
            if !ok, let next { failed.append(next) }
            busy = false
            if queue.isEmpty && !retentionRequested { lock.broadcast(Self.idle) }
            lock.unlock()
        }
    }

    /// Compresses one plain segment. Returns false (and counts the failure) when it could not.
    func compress(_ name: SegmentName) -> Bool {
        do {
            try compressOrThrow(name)
            health.update { $0.segmentsCompressed += 1 }
            health.recovered("compress")
            return true
        } catch {
            try? directory.remove(name.temporaryFileName)
            health.failed("compress", error)
            if !directory.isStillLinked() { try? directory.reopen() }
            return false
        }
    }

    private func compressOrThrow(_ name: SegmentName) throws(WriterError) {
        if !directory.exists(name.plainFileName) {
            return  // already done (e.g. queued twice); nothing to lose
        }
        let input = try directory.openRead(name.plainFileName)
        defer { SystemFile.close(input) }
        try directory.remove(name.temporaryFileName)
        let output = try directory.openAppend(name.temporaryFileName, exclusive: true)
        var outputOpen = true
        defer { if outputOpen { SystemFile.close(output) } }
        let tmpPath = directory.fullPath(name.temporaryFileName)
        let archive: ArchiveWriter
        do {
            archive = try ArchiveWriter(
                level: configuration.compressionLevel, memberInputSize: configuration.memberInputSize
            ) { bytes in
                let r = SystemFile.writeAll(output, bytes)
                if r.errno != 0 { throw WriterError(.compress, "cannot write \(tmpPath)", errno: r.errno) }
            }
        } catch {
            throw WriterError(.compress, "cannot start compressing \(name.plainFileName): \(error)")
        }
        let bufferSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 64)
        defer { buffer.deallocate() }
        do {
            while true {
                let n = read(input, buffer, bufferSize)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriterError(.compress, "cannot read \(directory.fullPath(name.plainFileName))", errno: errno)
                }
                if n == 0 { break }
                try archive.append(UnsafeRawBufferPointer(start: buffer, count: n))
            }
            try archive.finish()
        } catch let e as WriterError {
            throw e
        } catch {
            throw WriterError(.compress, "cannot compress \(directory.fullPath(name.plainFileName)): \(error)")
        }
        guard fsync(output) == 0 else { throw WriterError(.sync, "cannot fsync \(tmpPath)", errno: errno) }
        outputOpen = false
        guard SystemFile.close(output) == 0 else { throw WriterError(.sync, "cannot close \(tmpPath)", errno: errno) }
        try directory.rename(name.temporaryFileName, name.archiveFileName)
        directory.sync()
        try directory.remove(name.plainFileName)
        directory.sync()
    }

    /// Deletes the archives retention no longer keeps.
    func applyRetention() {
        guard retention.isActive else { return }
        let kind: SegmentName.Kind = configuration.compress ? .archive : .plain
        var candidates: [(name: SegmentName, bytes: Int64)] = []
        for file in directory.list() {
            guard let (name, k) = SegmentName.parse(file, base: configuration.name), k == kind,
                let info = directory.info(file), info.regular
            else { continue }
            candidates.append((name, info.size))
        }
        let victims = retention.victims(of: candidates, now: configuration.clock.now())
        var removed: UInt64 = 0
        for v in victims {
            do {
                try directory.remove(kind == .archive ? v.archiveFileName : v.plainFileName)
                removed += 1
            } catch {
                health.failed("retention", error)
            }
        }
        if removed > 0 {
            directory.sync()
            health.update { $0.segmentsDeleted += removed }
        }
    }
}
