#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds perflog's indexed multi-member gzip from lines: each member holds whole lines (about
/// ``memberInputSize`` bytes of input) and carries a `PL` FEXTRA ``MemberIndex`` with its real
/// sizes, line count and the earliest/latest `ts` of its lines.
///
/// The rotating writer's compressor and `perflog compress` both use it. Input may arrive in
/// pieces of any size; a member is cut at the last line end once enough input is pending. A
/// final line without `\n` is terminated by ``finish()`` so every member holds whole lines.
///
/// ```swift
/// let archive = try ArchiveWriter(level: 6) { bytes in try file.write(bytes) }
/// try data.withUnsafeBytes { try archive.append($0) }
/// try archive.finish()
/// ```
package final class ArchiveWriter {
    /// The default input bytes per member: 256 KiB. Measured on 4.7 MB of realistic format-v1
    /// lines at level 6, against one single gzip stream: 64 KiB members cost +8.2% in size,
    /// 128 KiB +4.2%, 256 KiB +2.1%, 512 KiB +1.0%, 1 MiB +0.5%, at equal compression speed.
    /// 256 KiB keeps the cost near 2% while a 1 GB log still has ~4,000 members to inflate in
    /// parallel and an hour of a day's archive is skipped to within a member or two.
    package static let defaultMemberInputSize = 256 * 1024

    /// Where finished member bytes go; may throw to abort (the error is rethrown as is).
    package typealias Output = (UnsafeRawBufferPointer) throws -> Void

    private let deflater: Deflater
    private let level: Int32
    private let output: Output
    /// Input bytes aimed at per member (a member may be larger when one line is longer).
    package let memberInputSize: Int

    private var pending: [UInt8] = []
    /// How many bytes at the start of `pending` are known to hold no `\n` (a long line is
    /// searched for its end only in the bytes that arrived since the last search).
    private var pendingWithoutNewline = 0
    private var body: [UInt8] = []
    /// The longest line held in memory, in bytes (`nil`: no limit). Members hold whole lines, so
    /// a line stays in memory until its end arrives: ``append(_:)`` throws ``LineTooLong`` when
    /// more than this many bytes (and more than ``memberInputSize``) are pending without a line
    /// end, rather than hold a newline-free input of any size. Lines up to ``memberInputSize``
    /// bytes are always accepted.
    package var maxLineBytes: Int?

    /// A line longer than ``ArchiveWriter/maxLineBytes``.
    package struct LineTooLong: Error, CustomStringConvertible {
        /// The line's 1-based number in the input.
        package var line: UInt64
        /// The input offset of its first byte.
        package var offset: UInt64
        /// The limit it passed.
        package var limit: Int
        package var description: String {
            "line \(line) (from byte \(offset)) is longer than \(limit) bytes without a newline"
        }
    }
    /// Members written so far.
    package private(set) var membersWritten = 0
    /// Lines written so far (including a final line that ``finish()`` terminated).
    package private(set) var linesWritten: UInt64 = 0
    /// Input bytes consumed so far (including a `\n` added by ``finish()``).
    package private(set) var uncompressedBytes: UInt64 = 0
    /// Archive bytes produced so far.
    package private(set) var compressedBytes: UInt64 = 0
    /// True when ``finish()`` had to add a `\n` after an unterminated last line.
    package private(set) var terminatedLastLine = false

    /// - Parameters:
    ///   - level: deflate level 0...9 (default 6).
    ///   - memberInputSize: input bytes per member, at least 1 (default ``defaultMemberInputSize``).
    ///   - backend: the compressing library (default: libdeflate when built with it, zlib otherwise).
    ///   - output: receives the archive bytes, member by member.
    /// - Throws: ``DeflateError`` when the compressor cannot be created (e.g. a bad level).
    package init(
        level: Int32 = 6, memberInputSize: Int = ArchiveWriter.defaultMemberInputSize,
        backend: DeflateBackend = .compressor,
        output: @escaping Output
    ) throws(DeflateError) {
        self.deflater = try Deflater(level: level, backend: backend)
        self.level = level
        self.memberInputSize = max(1, memberInputSize)
        self.output = output
        pending.reserveCapacity(self.memberInputSize + 64 * 1024)
    }

    /// Adds input bytes (any piece of the line stream); emits every member that is complete.
    package func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let room = max(0, memberInputSize - pending.count)
            let take = min(room == 0 ? rest.count : room, rest.count)
            pending.append(
                contentsOf: UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<(rest.startIndex + take)]))
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + take)...])
            if pending.count >= memberInputSize {
                try emitWholeLines()
            }
        }
    }

    /// Emits the pending whole lines as one member when at least a member's worth is pending.
    private func emitWholeLines() throws {
        let searched = pendingWithoutNewline
        let cut: Int? = pending.withUnsafeBytes { p in
            var i = p.count - 1
            while i >= searched {
                if p[i] == 0x0A { return i + 1 }
                i -= 1
            }
            return nil
        }
        guard let cut else {
            // One long line: keep reading until it ends, or until it is longer than allowed.
            pendingWithoutNewline = pending.count
            if let limit = maxLineBytes, pending.count > limit {
                throw LineTooLong(line: linesWritten + 1, offset: uncompressedBytes, limit: limit)
            }
            return
        }
        try pending.withUnsafeBytes { try writeMember(UnsafeRawBufferPointer(rebasing: $0[0..<cut])) }
        pending.removeFirst(cut)
        pendingWithoutNewline = pending.count  // what follows the last line end holds none
    }

    /// Writes what is pending (terminating a last line that lacks `\n`) as the final member.
    /// Writes nothing for empty input.
    package func finish() throws {
        if !pending.isEmpty && pending.last != 0x0A {
            pending.append(0x0A)
            terminatedLastLine = true
        }
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try writeMember($0) }
        pending.removeAll(keepingCapacity: true)
        pendingWithoutNewline = 0
    }

    /// Compresses `lines` (whole lines) into one indexed member and hands it to the output.
    private func writeMember(_ lines: UnsafeRawBufferPointer) throws {
        let scan = ArchiveWriter.scan(lines)
        body.removeAll(keepingCapacity: true)
        try deflater.compress(lines, appendingTo: &body)
        let crc = CRC32.update(0, lines)
        let size = UInt64(GzipMember.perflogHeaderSize + body.count + GzipMember.trailerSize)
        let index = MemberIndex(
            memberSize: size, uncompressedSize: UInt64(lines.count), lineCount: scan.lines, timeRange: scan.range)
        var head = GzipMember.header(index: index, level: level)
        try head.withUnsafeBytes { try output($0) }
        try body.withUnsafeBytes { try output($0) }
        head.removeAll(keepingCapacity: true)
        GzipMember.appendTrailer(crc: crc, size: UInt64(lines.count), to: &head)
        try head.withUnsafeBytes { try output($0) }
        membersWritten += 1
        linesWritten += scan.lines
        uncompressedBytes += UInt64(lines.count)
        compressedBytes += size
    }

    /// Counts the `\n`-terminated lines of `bytes` and the range of their `ts` values.
    ///
    /// A line's `ts` is the string value of its first `"ts"` key (format v1 puts it first);
    /// lines without a readable one do not contribute to the range.
    package static func scan(_ bytes: UnsafeRawBufferPointer) -> (lines: UInt64, range: ClosedRange<Timestamp>?) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return (0, nil) }
        var lines: UInt64 = 0
        var lo = Int64.max
        var hi = Int64.min
        var start = 0
        let n = bytes.count
        while start < n {
            let nl = memchr(base + start, 0x0A, n - start)
            let end = nl.map { UnsafeRawPointer($0) - base } ?? n
            if nl != nil { lines += 1 }
            if let ts = timestamp(inLine: UnsafeRawBufferPointer(start: base + start, count: end - start)) {
                lo = min(lo, ts.microseconds)
                hi = max(hi, ts.microseconds)
            }
            start = end + 1
        }
        return (lines, lo <= hi ? Timestamp(microseconds: lo)...Timestamp(microseconds: hi) : nil)
    }

    /// The `ts` of one line (without its `\n`), or `nil`.
    package static func timestamp(inLine line: UnsafeRawBufferPointer) -> Timestamp? {
        guard let base = line.baseAddress else { return nil }
        let n = line.count
        // Fast path: format v1 starts with {"ts":"
        var i: Int
        if n >= 35 && line[0] == 0x7B && line[1] == 0x22 && line[2] == 0x74 && line[3] == 0x73 && line[4] == 0x22
            && line[5] == 0x3A && line[6] == 0x22
        {
            i = 7
        } else {
            // Find the first `"ts"` (a key: a quote inside a JSON string is always escaped).
            var k = 0
            var found = -1
            while k + 4 <= n, let q = memchr(base + k, 0x22, n - k) {
                let at = UnsafeRawPointer(q) - base
                if at + 4 <= n && line[at + 1] == 0x74 && line[at + 2] == 0x73 && line[at + 3] == 0x22 {
                    found = at
                    break
                }
                k = at + 1
            }
            guard found >= 0 else { return nil }
            i = found + 4
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            guard i < n, line[i] == 0x3A else { return nil }
            i += 1
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            guard i < n, line[i] == 0x22 else { return nil }
            i += 1
        }
        var j = i
        while j < n && line[j] != 0x22 && j - i < 40 { j += 1 }
        guard j < n, line[j] == 0x22 else { return nil }
        return Timestamp(bytes: UnsafeRawBufferPointer(rebasing: line[i..<j]))
    }
}
