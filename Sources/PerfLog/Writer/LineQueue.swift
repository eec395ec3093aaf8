#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bounded byte queue between callers and the writer thread: a double buffer.
///
/// Callers copy their line into the active buffer under a lock (a `memcpy` and a few counters);
/// the writer thread swaps the active buffer with its own empty one and writes the batch with one
/// `write(2)`. Callers wait only when the buffer is full under policy `block`. Memory is bounded
/// by the two buffers (each half the capacity); a single line longer than half the capacity is
/// still accepted when the buffer is empty.
///
/// Waking the writer is a system call (`futex`), so callers avoid it: after writing a batch the
/// writer lingers for ``lingerNanoseconds`` and then takes whatever arrived meanwhile, and only a
/// line that finds it in its long sleep (the queue had stayed empty for a whole linger), or a
/// buffer filled to ``wakeFraction``, wakes it. A line so reaches the file at most ~10 ms after
/// it was written while lines keep coming; `flush()`, rotation requests, a full buffer and
/// `close()` wake the writer at once.
final class LineQueue: @unchecked Sendable {
    // @unchecked Sendable: every mutable property is read and written only while `lock` is held,
    // except `batch*`, which only the writer thread touches.
    private static let wakeWriter = 0, spaceFreed = 1, progressed = 2

    private let lock = ConditionLock(conditions: 3)
    private let policy: RotatingFileWriter.OverflowPolicy
    private let halfCapacity: Int

    private var active: UnsafeMutableRawPointer
    private var activeCapacity: Int
    private var activeCount = 0
    /// The writer thread's buffer (the batch being written).
    private var batch: UnsafeMutableRawPointer
    private var batchCapacity: Int

    private var enqueued: UInt64 = 0  // bytes accepted, ever
    private var persisted: UInt64 = 0  // bytes handled by the writer, ever
    private var linesAccepted: UInt64 = 0
    private var droppedPending: UInt64 = 0  // drops not yet reported in the log
    private var droppedTotal: UInt64 = 0
    private var writerIdle = false
    /// The writer sleeps only for the linger after a batch: a new line need not wake it.
    private var writerLingering = false
    /// Whether the writer's last batch held lines (then it lingers before its next take).
    private var lastBatchHadBytes = false
    /// How long the writer waits after a batch before taking the next one.
    static let lingerNanoseconds: Int64 = 10_000_000
    /// A lingering writer is woken once the active buffer is this full (a divisor of its size).
    static let wakeFraction = 4
    private let wakeBytes: Int
    /// How many accepted lines woke the writer (a system call on the caller's path).
    private var callerWakeups: UInt64 = 0
    private var blockedCallers = 0
    private var progressWaiters = 0
    private var rotationMarks: [UInt64] = []
    private var rotationsRequested: UInt64 = 0
    private var rotationsDone: UInt64 = 0
    private var closed = false
    private var writerGone = false

    init(capacity: Int, policy: RotatingFileWriter.OverflowPolicy) {
        self.policy = policy
        halfCapacity = max(2048, capacity / 2)
        wakeBytes = halfCapacity / LineQueue.wakeFraction
        active = .allocate(byteCount: halfCapacity, alignment: 64)
        activeCapacity = halfCapacity
        batch = .allocate(byteCount: halfCapacity, alignment: 64)
        batchCapacity = halfCapacity
    }

    deinit {
        active.deallocate()
        batch.deallocate()
    }

    /// Copies one line in (the caller's fast path). Returns false when it was dropped.
    @inline(__always)
    func enqueue(_ line: UnsafeRawBufferPointer) -> Bool {
        let n = line.count
        lock.lock()
        while activeCount + n > activeCapacity {
            if closed { break }
            if activeCount == 0 {  // one line longer than the buffer: take it alone
                active.deallocate()
                active = .allocate(byteCount: n, alignment: 64)
                activeCapacity = n
                break
            }
            if policy == .dropNewest {
                droppedPending += 1
                droppedTotal += 1
                lock.unlock()
                return false
            }
            blockedCallers += 1
            if writerIdle {
                writerIdle = false
                lock.signal(Self.wakeWriter)
            }
            lock.wait(Self.spaceFreed)
            blockedCallers -= 1
        }
        if closed {
            droppedTotal += 1
            lock.unlock()
            return false
        }
        if let src = line.baseAddress { (active + activeCount).copyMemory(from: src, byteCount: n) }
        activeCount += n
        enqueued &+= UInt64(n)
        linesAccepted &+= 1
        if writerIdle && (!writerLingering || activeCount >= wakeBytes) {
            writerIdle = false
            callerWakeups &+= 1
            lock.signal(Self.wakeWriter)
        }
        lock.unlock()
        return true
    }

    /// Asks for a rotation after every line accepted so far.
    func requestRotation() {
        lock.lock()
        rotationMarks.append(enqueued)
        rotationsRequested += 1
        if writerIdle {
            writerIdle = false
            lock.signal(Self.wakeWriter)
        }
        lock.unlock()
    }

    /// Waits until everything accepted (and every rotation requested) before the call is handled.
    func waitForProgress() {
        lock.lock()
        let target = enqueued
        let rotations = rotationsRequested
        progressWaiters += 1
        while (persisted < target || rotationsDone < rotations) && !writerGone {
            if writerIdle {
                writerIdle = false
                lock.signal(Self.wakeWriter)
            }
            lock.wait(Self.progressed)
        }
        progressWaiters -= 1
        lock.unlock()
    }

    /// A batch for the writer thread. `bytes` stays valid until the next ``take`` call.
    struct Batch {
        var bytes: UnsafeRawBufferPointer
        /// Offsets in `bytes` after which a rotation was requested (ascending).
        var rotationOffsets: [Int]
        /// Lines dropped by the queue since the last batch.
        var dropped: UInt64
        /// True when the queue is closed and this is the last batch.
        var isLast: Bool
    }

    /// Takes the next batch, waiting at most `timeoutNanoseconds` for one (the writer thread only).
    /// Work that must not wait for more lines: a rotation, a drop report, closing (lock held).
    private var hasUrgentWork: Bool { !rotationMarks.isEmpty || droppedPending > 0 || closed }

    /// Returns an empty batch on timeout.
    func take(timeoutNanoseconds: Int64) -> Batch {
        lock.lock()
        if lastBatchHadBytes && activeCount < wakeBytes && !hasUrgentWork {
            // Linger: lines arriving now join the next batch without a wake-up call.
            writerIdle = true
            writerLingering = true
            lock.wait(Self.wakeWriter, nanoseconds: min(Self.lingerNanoseconds, timeoutNanoseconds))
            writerLingering = false
            writerIdle = false
        }
        if activeCount == 0 && !hasUrgentWork {
            writerIdle = true
            lock.wait(Self.wakeWriter, nanoseconds: timeoutNanoseconds)
            writerIdle = false
        }
        // Give the old batch buffer back at its normal size if a long line had grown it.
        if batchCapacity != halfCapacity {
            batch.deallocate()
            batch = .allocate(byteCount: halfCapacity, alignment: 64)
            batchCapacity = halfCapacity
        }
        swap(&active, &batch)
        swap(&activeCapacity, &batchCapacity)
        let count = activeCount
        activeCount = 0
        lastBatchHadBytes = count > 0
        let base = persisted
        let offsets = rotationMarks.map { Int($0 - base) }
        rotationMarks.removeAll(keepingCapacity: true)
        let dropped = droppedPending
        droppedPending = 0
        let last = closed
        if blockedCallers > 0 { lock.broadcast(Self.spaceFreed) }
        lock.unlock()
        return Batch(
            bytes: UnsafeRawBufferPointer(start: batch, count: count), rotationOffsets: offsets, dropped: dropped,
            isLast: last)
    }

    /// Marks a batch handled (written, or lost and counted), waking `flush()` callers.
    func completed(_ b: Batch) {
        lock.lock()
        persisted &+= UInt64(b.bytes.count)
        rotationsDone += UInt64(b.rotationOffsets.count)
        if progressWaiters > 0 { lock.broadcast(Self.progressed) }
        lock.unlock()
    }

    /// Stops accepting lines (later ones are dropped and counted); the writer drains what is queued.
    func close() {
        lock.lock()
        closed = true
        lock.signal(Self.wakeWriter)
        lock.broadcast(Self.spaceFreed)
        lock.unlock()
    }

    /// The writer thread has ended: nobody may wait for progress any more.
    func writerEnded() {
        lock.lock()
        writerGone = true
        lock.broadcast(Self.progressed)
        lock.broadcast(Self.spaceFreed)
        lock.unlock()
    }

    /// True when closed and nothing is left to write.
    var isDrained: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed && activeCount == 0 && rotationMarks.isEmpty && droppedPending == 0
    }

    /// (lines accepted, lines dropped by the queue, bytes queued now).
    var counters: (accepted: UInt64, dropped: UInt64, queuedBytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (linesAccepted, droppedTotal, activeCount)
    }

    /// How many accepted lines had to wake the writer thread.
    var wakeupsByCallers: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return callerWakeups
    }
}
