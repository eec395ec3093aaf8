#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows a log file as it grows, like `tail -F`: reads its last lines efficiently from the
/// end, then hands over every complete line appended after them, across rotations.
///
/// - Rotation by rename (the path now names another file, i.e. another inode): the old file is
///   read to its end first, then the new file is read from its start.
/// - Truncation in place (the file got smaller than what was read): reading restarts at 0.
/// - A partial last line is kept until its `\n` arrives (or until the file is rotated away, when
///   it is delivered as it is). Lines longer than `maxLineBytes` are skipped, counted and
///   reported to ``onOversized`` (with the byte offset where the line starts).
///
/// Polling (every ``pollInterval`` in ``follow(shouldStop:_:)``) needs no inotify. A file
/// truncated and refilled past the old size between two polls cannot be told from one that
/// grew; writers that rotate by rename (perflog's) never cause that.
///
/// ```swift
/// let follower = Follower(path: "logs/app.log")
/// for line in try follower.lastLines(10) { print(line) }
/// follower.follow(shouldStop: { false }) { line in print(line) }
/// ```
package final class Follower {
    /// The followed path.
    package let path: String
    /// Time between polls, in milliseconds.
    package var pollInterval: Int
    /// Lines longer than this (bytes, without the `\n`) are skipped.
    package let maxLineBytes: Int
    /// Rotations seen so far.
    package private(set) var rotations = 0
    /// Truncations seen so far.
    package private(set) var truncations = 0
    /// Lines skipped for being longer than ``maxLineBytes``.
    package private(set) var oversizedLines = 0
    /// Called for each line skipped for being longer than ``maxLineBytes``, with the byte offset
    /// of its first byte in the file being read and its length in bytes (without the `\n`).
    package var onOversized: ((_ byteOffset: UInt64, _ length: UInt64) -> Void)?

    private var fd: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    private var offset: UInt64 = 0
    private var pending: [UInt8] = []
    private var skippingLong = false
    /// Offset of the first byte of the partial line (kept in `pending`, or being skipped).
    private var partialStart: UInt64 = 0
    /// Bytes of the partial line so far (0: none).
    private var partialLength: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// - Parameters:
    ///   - pollInterval: milliseconds between polls (100-200 is a good range).
    package init(path: String, pollInterval: Int = 150, maxLineBytes: Int = 4 * 1024 * 1024) {
        self.path = path
        self.pollInterval = max(1, pollInterval)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens the file and returns its last `count` complete lines (without their `\n`), reading
    /// backwards from the end, so the cost does not depend on the file size. Following starts
    /// right after them (a partial last line is kept until it is complete).
    ///
    /// - Throws: ``InputError`` when the file cannot be opened.
    package func lastLines(_ count: Int) throws(InputError) -> [[UInt8]] {
        try openPath()
        var st = stat()
        fstat(fd, &st)
        let size = UInt64(st.st_size)
        // Find the end of the last complete line.
        let end = lastNewline(before: size).map { $0 + 1 } ?? 0
        var start = end
        if count > 0 && end > 0 {
            // Line k from the end starts after the `\n` that ends line k + 1.
            var probe = end - 1
            for _ in 0..<count {
                guard let nl = lastNewline(before: probe) else {
                    start = 0
                    break
                }
                start = nl + 1
                probe = nl
            }
        }
        var lines: [[UInt8]] = []
        if count > 0 && end > start {
            offset = start
            deliver(upTo: end) { lines.append(Array($0)) }
        }
        offset = end
        resetPartial()
        // Keep the partial line, if any, for when it completes.
        deliver(upTo: size) { lines.append(Array($0)) }
        if lines.count > count { lines.removeFirst(lines.count - count) }
        return lines
    }

    /// Opens the file and starts following at `offset`, the start of a line: the next ``poll(_:)``
    /// delivers every line from there on (`perflog top` starts at its window this way).
    ///
    /// - Throws: ``InputError`` when the file cannot be opened.
    package func start(at offset: UInt64) throws(InputError) {
        try openPath()
        self.offset = offset
        pending.removeAll()
        skippingLong = false
    }

    /// Reads what was appended since the last call (following a rotation or a truncation) and
    /// calls `body` with each complete line, without its `\n`.
    package func poll(_ body: (UnsafeRawBufferPointer) -> Void) {
        if fd < 0 {
            // Not open yet (or the path vanished during a rotation): try again.
            guard (try? openPath()) != nil else { return }
            offset = 0
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return }
        if UInt64(st.st_size) < offset {
            truncations += 1
            flushPending(body)
            offset = 0
        }
        deliver(upTo: UInt64.max, body)
        var now = stat()
        guard stat(path, &now) == 0 else { return }  // renamed away, new file not there yet
        if UInt64(now.st_dev) != device || UInt64(now.st_ino) != inode {
            // Rotated: finish the old file, then start the new one from its beginning.
            deliver(upTo: UInt64.max, body)
            flushPending(body)
            close(fd)
            fd = -1
            rotations += 1
            guard (try? openPath()) != nil else { return }
            offset = 0
            deliver(upTo: UInt64.max, body)
        }
    }

    /// Polls every ``pollInterval`` milliseconds until `shouldStop` returns true (checked
    /// before each poll), calling `body` with each new line and `flushing` after each poll.
    package func follow(
        shouldStop: () -> Bool, _ body: (UnsafeRawBufferPointer) -> Void, flushing: () -> Void = {}
    ) {
        while !shouldStop() {
            poll(body)
            flushing()
            usleep(useconds_t(pollInterval * 1000))
        }
    }

    private func openPath() throws(InputError) {
        let f = open(path, O_RDONLY | O_CLOEXEC)
        guard f >= 0 else {
            let e = errno
            throw InputError(
                e == ENOENT ? .noSuchFile : .unreadable, argument: path,
                detail: e == ENOENT ? nil : String(cString: strerror(e)))
        }
        var st = stat()
        fstat(f, &st)
        if fd >= 0 { close(fd) }
        fd = f
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// Offset of the last `\n` strictly before `limit`, reading backwards in blocks.
    private func lastNewline(before limit: UInt64) -> UInt64? {
        var hi = limit
        while hi > 0 {
            let lo = hi > UInt64(readBuffer.count) ? hi - UInt64(readBuffer.count) : 0
            let want = Int(hi - lo)
            let n = readBuffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(lo)) }
            guard n == want else { return nil }
            if let p = readBuffer.withUnsafeBytes({ ByteSearch.lastNewline($0.baseAddress!, n) }) {
                return lo + UInt64(p)
            }
            hi = lo
        }
        return nil
    }

    /// Reads from `offset` up to `limit` (or the end of the file) and delivers complete lines.
    private func deliver(upTo limit: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) {
        while offset < limit {
            let want = Int(min(UInt64(readBuffer.count), limit - offset))
            let n = readBuffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            let at = offset
            offset += UInt64(n)
            readBuffer.withUnsafeBytes { split(UnsafeRawBufferPointer(rebasing: $0[0..<n]), at: at, body) }
        }
    }

    /// Splits freshly read bytes (read at file offset `at`) into lines, joining the pending partial line.
    private func split(_ bytes: UnsafeRawBufferPointer, at base: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while start < bytes.count {
            guard let p = ByteSearch.firstNewline(bytes.baseAddress! + start, bytes.count - start) else {
                appendPartial(UnsafeRawBufferPointer(rebasing: bytes[start...]), at: base + UInt64(start))
                return
            }
            let piece = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + p)])
            if partialLength == 0 {
                if piece.count <= maxLineBytes {
                    body(piece)
                } else {
                    oversized(base + UInt64(start), UInt64(piece.count))
                }
            } else {
                appendPartial(piece, at: base + UInt64(start))
                if skippingLong { oversized(partialStart, partialLength) } else { pending.withUnsafeBytes { body($0) } }
                resetPartial()
            }
            start += p + 1
        }
    }

    private func appendPartial(_ bytes: UnsafeRawBufferPointer, at position: UInt64) {
        guard bytes.count > 0 else { return }
        if partialLength == 0 { partialStart = position }
        partialLength += UInt64(bytes.count)
        guard !skippingLong else { return }
        if partialLength > UInt64(maxLineBytes) {
            skippingLong = true
            pending.removeAll()
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private func resetPartial() {
        skippingLong = false
        partialLength = 0
        pending.removeAll(keepingCapacity: pending.count < 1 << 20)
    }

    private func oversized(_ start: UInt64, _ length: UInt64) {
        oversizedLines += 1
        onOversized?(start, length)
    }

    /// The 1-based number of the line that starts at `byteOffset` in the file being read,
    /// counting the newlines before it (a read of the file up to there: for messages only).
    package func lineNumber(atByteOffset byteOffset: UInt64) -> Int? {
        guard fd >= 0 else { return nil }
        var lines = 1
        var at: UInt64 = 0
        while at < byteOffset {
            let want = Int(min(UInt64(readBuffer.count), byteOffset - at))
            let n = readBuffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(at)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            lines += readBuffer.withUnsafeBytes { $0.prefix(n).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            at += UInt64(n)
        }
        return lines
    }

    /// Delivers a partial line that will never complete (its file was rotated or truncated).
    private func flushPending(_ body: (UnsafeRawBufferPointer) -> Void) {
        if skippingLong {
            oversized(partialStart, partialLength)
        } else if !pending.isEmpty {
            pending.withUnsafeBytes { body($0) }
        }
        resetPartial()
    }
}
