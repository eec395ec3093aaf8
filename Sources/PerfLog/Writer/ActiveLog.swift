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

    init(configuration: RotatingFileWriter.Configuration, directory: LogDirectory, health: WriterHealth,
         compressor: SegmentCompressor?, newestSegment: SegmentName?) throws(WriterError) {
        self.configuration = configuration
        self.directory = directory
        self.health = health
        self.compressor = compressor
        activeName = configuration.name + ".log"
        namer = SegmentNamer(base: configuration.name)
        if let newestSegment { namer.observe(newestSegment) }
        fd = try directory.openAppend(activeName)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw WriterError(.open, "\(directory.fullPath(activeName)) is not a regular file")
        }
        size = try SegmentRecovery.terminateTornLine(fd: fd, path: directory.fullPath(activeName))
        let now = configuration.clock.now()
        if let interval = configuration.rotation.interval {
            // A file continued from an earlier interval (the app was down over a boundary) rotates now.
            let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000
            let intervalStart = interval.nextBoundary(after: now).microseconds - interval.seconds * 1_000_000
            if size > 0 && mtime < intervalStart { rotate() }
            nextBoundary = interval.nextBoundary(after: now)
        }
        lastSync = ActiveLog.monotonicNanoseconds()
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
        if fd >= 0 { close(fd); fd = -1 }
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
                while i >= 0 { if rest[rest.startIndex + i] == 0x0A { cut = i + 1; break }; i -= 1 }
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
            guard withUnsafeBytes(of: &nl, { SystemFile.writeAll(fd, $0).errno }) == 0 else { lose(bytes); return }
            tornTail = false
            size += 1
        }
        let r = SystemFile.writeAll(fd, bytes)
        if r.errno == 0 {
            size += Int64(bytes.count)
            unsynced = true
            health.update { $0.bytesWritten += UInt64(bytes.count) }
            if health.isFailing("write") {
                health.recovered("write", note: unreported > 0 ? " (\(unreported) lines were lost; see the dropped-events line)" : "")
            }
            return
        }
        if r.written > 0 {
            // Undo the partial write so no torn line stays behind.
            if ftruncate(fd, off_t(size)) != 0 { tornTail = true; size += Int64(r.written) }
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

    /// Writes `{"ts":…,"level":"warning","logger":"perflog","msg":"dropped events","event":"dropped","count":N}`.
    private func writeDroppedLine() {
        var line = Array(#"{"ts":""#.utf8)
        var ts = [UInt8](repeating: 0, count: Timestamp.encodedLength)
        ts.withUnsafeMutableBytes { _ = configuration.clock.now().write(into: $0.baseAddress!) }
        line += ts
        line += Array(#"","level":"warning","logger":"perflog","msg":"dropped events","event":"dropped","count":"#.utf8)
        line += Array(String(unreported).utf8)
        line += Array("}\n".utf8)
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

    /// Notices a removed active file or directory and starts a new file.
    private func checkFile() {
        if orphan != nil { reopen(); return }
        guard fd >= 0 else { reopen(); return }
        var st = stat()
        if fstat(fd, &st) != 0 || st.st_nlink == 0 { reopen() }
    }

    /// Opens a new active file (re-creating the directory if it was removed).
    private func reopen() {
        do {
            if !directory.isStillLinked() { try directory.reopen() }
            let f = try directory.openAppend(activeName)
            var st = stat()
            fstat(f, &st)
            if fd >= 0 { close(fd) }
            fd = f
            size = Int64(st.st_size)
            tornTail = false
            if let o = orphan {
                orphan = nil
                health.update { $0.rotations += 1 }
                compressor?.enqueue(o)
            }
            health.recovered("open")
        } catch {
            health.failed("open", error)
        }
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
