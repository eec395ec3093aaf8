#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The active file and rotation, owned by the writer thread: writes batches of whole lines, rotates
/// by size, by aligned time interval and on request (never splitting a line), hands segments to the
/// compressor, and survives I/O failures (counting what is lost and resuming when it can).
final class ActiveLog {
    private let configuration: RotatingFileWriter.Configuration
    private let directory: LogDirectory
    private let health: WriterHealth
    private let compressor: SegmentCompressor?
    private let activeName: String
    private var namer: SegmentNamer

    private var fd: Int32 = -1
    /// Device and inode of the open file, to notice when its path names another file.
    private var identity: (dev: UInt64, ino: UInt64) = (0, 0)
    /// Bytes in the active file.
    private(set) var size: Int64 = 0
    private var nextBoundary: Timestamp?
    /// A segment renamed but not yet handed over because no new active file could be opened.
    private var orphan: SegmentName?
    /// Lines lost to failures or dropped by the queue and not yet reported by a `dropped events` line.
    private var unreported: UInt64 = 0
    /// A partial line is at the end of the file (a failed write that could not be undone).
    private var tornTail = false
    private var lastSync: UInt64 = 0
    private var unsynced = false

    /// - Parameter recoveredCuts: torn tails cut from pending segments at start; each is reported
    ///   by a `recovered` line, as is a torn tail cut from the active file here.
    init(
        configuration: RotatingFileWriter.Configuration, directory: LogDirectory, health: WriterHealth,
        compressor: SegmentCompressor?, newestSegment: SegmentName?, recoveredCuts: [SegmentRecovery.Cut] = []
    ) throws(WriterError) {
        self.configuration = configuration
        self.directory = directory
        self.health = health
        self.compressor = compressor
        activeName = configuration.name + ".log"
        namer = SegmentNamer(base: configuration.name)
        if let newestSegment { namer.observe(newestSegment) }
        fd = try directory.openAppend(activeName)
        var st = stat()
        fstat(fd, &st)
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
        let cut = try SegmentRecovery.cutTornTail(fd: fd, path: directory.fullPath(activeName))
        size = cut.size
        var cuts = recoveredCuts
        if cut.bytes > 0 { cuts.append(SegmentRecovery.Cut(file: activeName, bytes: cut.bytes)) }
        let now = configuration.clock.now()
        if let interval = configuration.rotation.interval {
            // A file continued from an earlier interval (the app was down over a boundary) rotates now.
            let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000
            let intervalStart = interval.nextBoundary(after: now).microseconds - interval.seconds * 1_000_000
            if size > 0 && mtime < intervalStart { rotate() }
            nextBoundary = interval.nextBoundary(after: now)
        }
        lastSync = ActiveLog.monotonicNanoseconds()
        for c in cuts {
            let line = WriterRecord.recovered(file: c.file, bytes: c.bytes, at: now)
            line.withUnsafeBytes { write(lines: $0) }
        }
        if !cuts.isEmpty && unsynced {
            _ = fdatasync(fd)
            unsynced = false
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Writes one batch from the queue.
    func process(_ batch: LineQueue.Batch) {
        checkFile()
        checkTime()
        var rest = batch.bytes
        var consumed = 0
        for offset in batch.rotationOffsets {
            let piece = UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<(rest.startIndex + offset - consumed)])
            write(lines: piece)
            rotate()
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + offset - consumed)...])
            consumed = offset
        }
        write(lines: rest)
        unreported += batch.dropped
        if unreported > 0 && fd >= 0 && !health.isFailing("write") { writeDroppedLine() }
        syncIfDue()
    }

    /// Periodic work when no batch came: time rotation, fsync, reopening after a failure.
    func idle() {
        checkFile()
        checkTime()
        if unreported > 0 && fd >= 0 { writeDroppedLine() }
        syncIfDue()
    }

    /// Final work at shutdown.
    func finish() {
        if unsynced { _ = fdatasync(fd) }
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    // MARK: - writing

    /// Writes whole lines, rotating by size between lines as needed.
    private func write(lines bytes: UnsafeRawBufferPointer) {
        guard let maxBytes = configuration.rotation.maxBytes.map(Int64.init) else {
            emit(bytes)
            return
        }
        var rest = bytes
        while !rest.isEmpty {
            let room = Int(max(0, maxBytes - size))
            if rest.count <= room {
                emit(rest)
                return
            }
            // The longest run of whole lines that fits.
            var cut = 0
            if room > 0 {
                var i = room - 1
                while i >= 0 {
                    if rest[rest.startIndex + i] == 0x0A {
                        cut = i + 1
                        break
                    }
                    i -= 1
                }
            }
            if cut == 0 && size == 0 {
                // A single line longer than maxBytes: it gets a segment of its own.
                let nl = memchr(rest.baseAddress!, 0x0A, rest.count)
                cut = nl.map { UnsafeRawPointer($0) - rest.baseAddress! + 1 } ?? rest.count
            }
            if cut > 0 {
                emit(UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<(rest.startIndex + cut)]))
                rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + cut)...])
            }
            if !rest.isEmpty {
                let before = size
                rotate()
                if size == before && size > 0 {
                    emit(rest)  // rotation failed: keep writing to the current file rather than losing lines
                    return
                }
            }
        }
    }

    /// One `write(2)` of whole lines (plus retries); on failure the lines are counted as lost.
    private func emit(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if fd < 0 { reopen() }
        guard fd >= 0 else {
            lose(bytes)
            return
        }
        if tornTail {
            var nl: UInt8 = 0x0A
            guard withUnsafeBytes(of: &nl, { SystemFile.writeAll(fd, $0).errno }) == 0 else {
                lose(bytes)
                return
            }
            tornTail = false
            size += 1
        }
        let r = SystemFile.writeAll(fd, bytes)
        if r.errno == 0 {
            size += Int64(bytes.count)
            unsynced = true
            health.update { $0.bytesWritten += UInt64(bytes.count) }
            var st = stat()
            if fstat(fd, &st) == 0 && st.st_nlink == 0 {
                // The file was deleted while open: these lines went into an inode nobody can read.
                health.failed(
                    "write",
                    WriterError(
                        .write,
                        "\(directory.fullPath(activeName)) was deleted while being written; the lines written into it are counted as lost"
                    ))
                close(fd)
                fd = -1
                lose(bytes)
                return
            }
            if health.isFailing("write") {
                health.recovered(
                    "write", note: unreported > 0 ? " (\(unreported) lines were lost; see the dropped-events line)" : ""
                )
            }
            return
        }
        if r.written > 0 {
            // Undo the partial write so no torn line stays behind.
            if ftruncate(fd, off_t(size)) != 0 {
                tornTail = true
                size += Int64(r.written)
            }
        }
        health.failed("write", WriterError(.write, "cannot write \(directory.fullPath(activeName))", errno: r.errno))
        lose(bytes)
    }

    private func lose(_ bytes: UnsafeRawBufferPointer) {
        var lines: UInt64 = 0
        var p = bytes.baseAddress!
        var left = bytes.count
        while left > 0, let nl = memchr(p, 0x0A, left) {
            lines += 1
            let adv = UnsafeRawPointer(nl) - p + 1
            p += adv
            left -= adv
        }
        unreported += lines
        health.update { $0.linesLostToErrors += lines }
    }

    /// Writes the `dropped events` record (``WriterRecord/dropped(count:at:)``).
    private func writeDroppedLine() {
        let line = WriterRecord.dropped(count: unreported, at: configuration.clock.now())
        let count = unreported
        unreported = 0
        let lostBefore = health.snapshot.linesLostToErrors
        line.withUnsafeBytes { write(lines: $0) }
        if health.snapshot.linesLostToErrors != lostBefore {
            // The report itself could not be written: keep the count for the next attempt
            // (the report line is not a lost event).
            health.update { $0.linesLostToErrors -= 1 }
            unreported = count
        }
    }

    // MARK: - rotation

    /// Rotates now: the active file becomes a plain segment (queued for compression) and a new
    /// active file starts. An empty active file is not rotated. A failed rename leaves the active
    /// file untouched and in use.
    func rotate() {
        guard fd >= 0, size > 0, orphan == nil else { return }
        let d = directory
        let name = namer.next(at: configuration.clock.now()) {
            d.exists($0.plainFileName) || d.exists($0.archiveFileName) || d.exists($0.temporaryFileName)
        }
        if tornTail { tornTail = false }  // the partial line goes with the segment; the analyzer counts it as malformed
        do {
            try directory.rename(activeName, name.plainFileName)
        } catch {
            health.failed("rotate", error)
            return
        }
        let old = fd
        do {
            fd = try directory.openAppend(activeName, exclusive: true)
        } catch {
            if (try? directory.rename(name.plainFileName, activeName)) != nil {
                health.failed("rotate", error)
                return
            }
            orphan = name  // keep writing to the renamed file; hand it over once a new file opens
            health.failed("rotate", error)
            return
        }
        if unsynced { _ = fdatasync(old) }
        close(old)
        rememberIdentity()
        size = 0
        unsynced = false
        directory.sync()
        health.update { $0.rotations += 1 }
        health.recovered("rotate")
        compressor?.enqueue(name)
    }

    /// Rotates when the UTC clock has crossed the next interval boundary.
    private func checkTime() {
        guard let interval = configuration.rotation.interval, let boundary = nextBoundary else { return }
        let now = configuration.clock.now()
        guard now >= boundary else { return }
        rotate()
        nextBoundary = interval.nextBoundary(after: now)
    }

    /// Notices an active file that is no longer at its path (deleted, moved away, replaced) or a
    /// removed directory, and starts a new file. Two `fstat`s per batch. When no new file can be
    /// opened the old descriptor is closed, so later lines are counted as lost rather than
    /// written where nobody can read them.
    private func checkFile() {
        if orphan != nil {
            reopen()
            return
        }
        guard fd >= 0 else {
            reopen()
            return
        }
        var own = stat()
        var atPath = stat()
        let linked = fstat(fd, &own) == 0 && own.st_nlink > 0
        let same =
            fstatat(directory.fd, activeName, &atPath, AT_SYMLINK_NOFOLLOW) == 0
            && UInt64(atPath.st_dev) == identity.dev && UInt64(atPath.st_ino) == identity.ino
        guard !(linked && same) else { return }
        if !reopen() {
            close(fd)
            fd = -1
        }
    }

    /// Opens a new active file (re-creating the directory if it was removed). Returns false, the
    /// failure counted and reported, when it cannot.
    @discardableResult
    private func reopen() -> Bool {
        do {
            if !directory.isStillLinked() { try directory.reopen() }
            let f = try directory.openAppend(activeName)
            var st = stat()
            fstat(f, &st)
            if fd >= 0 { close(fd) }
            fd = f
            rememberIdentity()
            size = Int64(st.st_size)
            tornTail = false
            if let o = orphan {
                orphan = nil
                health.update { $0.rotations += 1 }
                compressor?.enqueue(o)
            }
            health.recovered("open")
            return true
        } catch {
            health.failed("open", error)
            return false
        }
    }

    private func rememberIdentity() {
        var st = stat()
        if fstat(fd, &st) == 0 { identity = (UInt64(st.st_dev), UInt64(st.st_ino)) }
    }

    private func syncIfDue() {
        guard let interval = configuration.fsyncInterval, unsynced, fd >= 0 else { return }
        let (s, a) = interval.components
        let ns = UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, a / 1_000_000_000))
        let now = ActiveLog.monotonicNanoseconds()
        guard now &- lastSync >= ns else { return }
        if fdatasync(fd) == 0 { unsynced = false }
        lastSync = now
    }

    static func monotonicNanoseconds() -> UInt64 { UInt64(MonotonicClock.nanoseconds()) }
}
