import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where the records of a recent time start in a log file, by bisecting on the `ts` of
/// lines, so `perflog top` reads only the last window of a large active file.
///
/// Lines are assumed to be in time order (perflog's writer writes them so; a few out-of-order
/// lines only move the answer by as much). Lines without a timestamp are stepped over.
enum TimeSeek {
    /// The offset of the first line dated at or after `cutoff` (the file's size when none is).
    static func offset(of path: String, atOrAfter cutoff: Timestamp) -> UInt64 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return 0 }
        var reader = Reader(fd: fd, size: UInt64(st.st_size))
        return reader.first(atOrAfter: cutoff)
    }

    struct Reader {
        let fd: Int32
        let size: UInt64
        var scanner = LineScanner()
        var record = ScannedRecord()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)

        init(fd: Int32, size: UInt64) {
            self.fd = fd
            self.size = size
        }

        mutating func first(atOrAfter cutoff: Timestamp) -> UInt64 {
            var lo: UInt64 = 0
            var hi = size
            while hi - lo > UInt64(buffer.count) {
                let mid = lo + (hi - lo) / 2
                guard let (start, ts) = firstTimedLine(from: mid, before: hi) else {
                    hi = mid
                    continue
                }
                if ts < cutoff { lo = start } else { hi = start }
            }
            // The last stretch, line by line.
            var at = lo
            while at < hi {
                guard let (start, ts, next) = timedLine(startingAt: at, before: hi) else { return hi }
                if ts >= cutoff { return start }
                at = next
            }
            return hi
        }

        /// The first line that starts after `position - 1` and has a timestamp.
        private mutating func firstTimedLine(from position: UInt64, before limit: UInt64) -> (UInt64, Timestamp)? {
            guard let start = lineStart(after: position, before: limit),
                let (s, ts, _) = timedLine(startingAt: start, before: limit)
            else { return nil }
            return (s, ts)
        }

        /// The start of the first line beginning at or after `position` (0 stays 0).
        private mutating func lineStart(after position: UInt64, before limit: UInt64) -> UInt64? {
            guard position > 0 else { return 0 }
            var at = position - 1
            while at < limit {
                let n = read(at, limit)
                guard n > 0 else { return nil }
                if let p = buffer.withUnsafeBytes({ ByteSearch.firstNewline($0.baseAddress!, n) }) {
                    return at + UInt64(p) + 1
                }
                at += UInt64(n)
            }
            return nil
        }

        /// From the line starting at `at`: the first line with a timestamp, its start, and the
        /// start of the line after it; `nil` when none starts before `limit`.
        private mutating func timedLine(startingAt at: UInt64, before limit: UInt64) -> (UInt64, Timestamp, UInt64)? {
            var from = at
            while from < limit {
                let n = read(from, size)
                guard n > 0 else { return nil }
                let found: (Int, Timestamp?)? = buffer.withUnsafeBytes { b in
                    guard let p = ByteSearch.firstNewline(b.baseAddress!, n) else { return nil }
                    _ = scanner.scan(UnsafeRawBufferPointer(rebasing: b[0..<p]), into: &record)
                    return (p, record.timestamp)
                }
                guard let (length, ts) = found else {
                    // A line longer than the buffer: step over it.
                    guard let end = lineStart(after: from + UInt64(n), before: size) else { return nil }
                    from = end
                    continue
                }
                let next = from + UInt64(length) + 1
                if let ts { return (from, ts, next) }
                from = next
            }
            return nil
        }

        private mutating func read(_ offset: UInt64, _ limit: UInt64) -> Int {
            let want = Int(min(UInt64(buffer.count), limit &- offset))
            guard want > 0, offset < limit else { return 0 }
            while true {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
                if n < 0 && errno == EINTR { continue }
                return max(0, n)
            }
        }
    }
}
