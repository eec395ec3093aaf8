#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``LineSink`` that appends lines to `<directory>/<name>.log`, rotates it by size, by aligned
/// UTC interval or on demand, compresses rotated segments into indexed multi-member gzip archives
/// on a background thread, and deletes old archives by count, age or total size.
///
/// Callers only copy their line into a bounded in-memory queue (tens of nanoseconds); one writer
/// thread writes whole batches with one `write(2)` each, and one compressor thread compresses.
/// Nothing here throws or traps after start: disk full, permission problems or a removed directory
/// are counted (``statistics()``), reported once on standard error, and writing resumes when it
/// can. Lines that could not be kept are counted exactly and reported in the log itself by a line
/// `{"ts":…,"level":"warning","logger":"perflog","msg":"dropped events","event":"dropped","count":N}`.
///
/// ```swift
/// var config = RotatingFileWriter.Configuration(directory: "logs", name: "api")
/// config.rotation = .init(maxBytes: 64 << 20, interval: .hourly)
/// config.retention = .init(maxSegments: 100, maxTotalBytes: 1 << 30)
/// let writer = try RotatingFileWriter(configuration: config)
/// line.withUnsafeBytes { writer.write(line: $0) }
/// writer.close()  // drains the queue and finishes compression
/// ```
///
/// To rotate on SIGHUP, call ``rotate()`` from a signal source (e.g. a `DispatchSourceSignal`);
/// `rotate()` only enqueues a request, so it is cheap, but it is not async-signal-safe.
public final class RotatingFileWriter: LineSink, Sendable {
    /// The configuration the writer was started with.
    public let configuration: Configuration
    private let queue: LineQueue
    private let health: WriterHealth
    private let compressor: SegmentCompressor?
    private let lock: DirectoryLockBox
    private let writerThread: WorkerThread
    private let stopped: StopFlag

    /// Opens (or continues) the active file, recovers what an earlier run left behind, and starts
    /// the writer and compressor threads.
    ///
    /// - Throws: ``WriterError`` when the configuration is invalid, the directory cannot be created
    ///   or opened, a symlink sits at the active path, or another writer holds the lock.
    public init(configuration: Configuration) throws(WriterError) {
        try configuration.validate()
        self.configuration = configuration
        let directory = try LogDirectory(
            path: configuration.directory, directoryMode: mode_t(configuration.directoryMode),
            fileMode: mode_t(configuration.fileMode))
        let dirLock = try DirectoryLock(directory: directory, name: configuration.name)
        lock = DirectoryLockBox(dirLock)
        let health = WriterHealth(
            label: configuration.activePath, reportsOnStandardError: configuration.reportsFailuresOnStandardError)
        self.health = health
        let recovery = try SegmentRecovery(
            directory: directory, name: configuration.name, compress: configuration.compress)
        let compressor = try SegmentCompressor(configuration: configuration, health: health)
        self.compressor = compressor
        let active = try ActiveLog(
            configuration: configuration, directory: directory, health: health, compressor: compressor,
            newestSegment: recovery.newest, recoveredCuts: recovery.cuts)
        for p in recovery.pendingSegments { compressor.enqueue(p) }
        compressor.enforceRetention()
        compressor.start()
        let queue = LineQueue(capacity: configuration.queueCapacity, policy: configuration.overflowPolicy)
        self.queue = queue
        let periodic = configuration.rotation.interval != nil || configuration.fsyncInterval != nil
        let idleWait: Int64 = periodic ? 100_000_000 : 1_000_000_000
        let activeBox = ActiveLogBox(active)
        writerThread = WorkerThread(name: "perflog-writer") {
            let log = activeBox.take()
            while true {
                let batch = queue.take(timeoutNanoseconds: idleWait)
                if batch.bytes.isEmpty && batch.rotationOffsets.isEmpty && batch.dropped == 0 {
                    log.idle()
                } else {
                    log.process(batch)
                }
                queue.completed(batch)
                if batch.isLast && queue.isDrained { break }
            }
            log.finish()
            queue.writerEnded()
        }
        stopped = StopFlag()
    }

    deinit { close() }

    /// Copies one complete line (ending in `\n`) into the queue. Never blocks under policy
    /// `dropNewest`; under `block` waits only while the queue is full.
    public func write(line: UnsafeRawBufferPointer) {
        _ = queue.enqueue(line)
    }

    /// How many `write(line:)` calls had to wake the writer thread (a system call each).
    var wakeupsByCallers: UInt64 { queue.wakeupsByCallers }

    /// Returns when every line written before the call has reached the operating system (written,
    /// or counted as lost), and every ``rotate()`` requested before it has happened.
    public func flush() {
        queue.waitForProgress()
    }

    /// Requests a rotation after the lines written so far (an empty active file is not rotated).
    /// Returns at once; ``flush()`` waits for it.
    public func rotate() {
        queue.requestRotation()
    }

    /// Flushes, then waits until every rotated segment is compressed and retention has run.
    public func waitUntilIdle() {
        queue.waitForProgress()
        compressor?.waitUntilIdle()
    }

    /// The writer's counters and health now.
    public func statistics() -> Statistics {
        var s = health.snapshot
        let q = queue.counters
        s.linesAccepted = q.accepted
        s.linesDroppedByQueue = q.dropped
        s.queuedBytes = q.queuedBytes
        return s
    }

    /// Drains the queue, finishes compressing, stops the threads and releases the lock. Lines
    /// written afterwards are dropped and counted. Safe to call more than once.
    public func close() {
        guard stopped.set() else { return }
        queue.close()
        writerThread.join()
        compressor?.close()
        lock.release()
    }
}

/// A one-shot flag.
final class StopFlag: @unchecked Sendable {
    // @unchecked Sendable: `value` is only touched while `lock` is held.
    private let lock = ConditionLock(conditions: 1)
    private var value = false
    /// Sets the flag; true the first time only.
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if value { return false }
        value = true
        return true
    }
}

/// Hands the ``ActiveLog`` to the writer thread, which then owns it alone.
final class ActiveLogBox: @unchecked Sendable {
    // @unchecked Sendable: the log is stored before the thread starts and taken exactly once by it;
    // no other thread touches it afterwards.
    private var log: ActiveLog?
    init(_ log: ActiveLog) { self.log = log }
    func take() -> ActiveLog {
        let l = log!
        log = nil
        return l
    }
}

/// Holds the directory lock until the writer closes.
final class DirectoryLockBox: @unchecked Sendable {
    // @unchecked Sendable: release() is called once, from close(), after the threads have stopped.
    private let lock: DirectoryLock
    init(_ lock: DirectoryLock) { self.lock = lock }
    func release() { lock.release() }
}
