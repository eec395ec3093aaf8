#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the writer finds and repairs at start, after a crash or a clean stop alike:
/// stale temporaries are removed; a plain segment whose archive is complete and holds exactly its
/// bytes is removed (the crash came between the archive's rename and the plain file's removal);
/// other plain segments are queued for compression, their torn last line (bytes after the last
/// `\n`) cut first; the active file's torn last line is cut by ``ActiveLog``. Every cut is
/// reported by a `recovered` record (``WriterRecord``), so no fragment of a torn line remains.
struct SegmentRecovery {
    /// Bytes cut from the end of a file (a line torn by a crash).
    struct Cut: Sendable, Equatable {
        /// The file's name in the log directory.
        var file: String
        var bytes: Int64
    }

    /// Plain segments still to compress, oldest first.
    var pendingSegments: [SegmentName] = []
    /// The newest segment name present (so new names sort after it).
    var newest: SegmentName?
    /// Stale temporaries and duplicate plain segments removed.
    var removedFiles: [String] = []
    /// Torn tails cut from pending plain segments.
    var cuts: [Cut] = []
    /// Archives found beside their plain segment that do not hold its bytes (empty, a symlink,
    /// torn, another file's data): the segment is compressed again and replaces them.
    var rejectedArchives: [String] = []

    init(directory: LogDirectory, name base: String, compress: Bool) throws(WriterError) {
        var archives = Set<String>()
        var plains: [SegmentName] = []
        for file in directory.list() {
            guard let (name, kind) = SegmentName.parse(file, base: base) else { continue }
            switch kind {
            case .temporary:
                try directory.remove(file)
                removedFiles.append(file)
            case .archive:
                archives.insert(name.stem)
                if newest == nil || newest! < name { newest = name }
            case .plain:
                guard let info = directory.info(file), info.regular else { continue }
                plains.append(name)
                if newest == nil || newest! < name { newest = name }
            }
        }
        for p in plains.sorted() {
            if archives.contains(p.stem) {
                if SegmentRecovery.archive(p.archiveFileName, holds: p.plainFileName, in: directory) {
                    try directory.remove(p.plainFileName)
                    removedFiles.append(p.plainFileName)
                    continue
                }
                rejectedArchives.append(p.archiveFileName)
            }
            guard compress else { continue }
            // A segment that cannot be opened here is still compressed as it is.
            if let f = try? directory.openAppend(p.plainFileName) {
                let cut = try? SegmentRecovery.cutTornTail(fd: f, path: directory.fullPath(p.plainFileName))
                close(f)
                if let cut, cut.bytes > 0 { cuts.append(Cut(file: p.plainFileName, bytes: cut.bytes)) }
            }
            pendingSegments.append(p)
        }
        if !removedFiles.isEmpty { directory.sync() }
    }

    /// Whether archive `archiveName` is a regular file of complete gzip members (every member's
    /// CRC-32 and ISIZE verified) whose data is byte for byte the plain file `plainName`
    /// (same size and CRC-32).
    static func archive(_ archiveName: String, holds plainName: String, in directory: LogDirectory) -> Bool {
        guard let plain = try? directory.openRead(plainName) else { return false }
        defer { close(plain) }
        guard let archive = try? directory.openRead(archiveName) else { return false }
        defer { close(archive) }
        guard let plainSum = checksum(of: plain, { _, _ in }) else { return false }
        var readFailed = false
        let input: GzipStreamDecoder.Input = { buffer in
            while true {
                let n = read(archive, buffer.baseAddress, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { readFailed = true }
                return max(0, n)
            }
        }
        guard let decoder = try? GzipStreamDecoder(input: input) else { return false }
        var problem = false
        decoder.onProblem = { _ in problem = true }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { out.deallocate() }
        var crc: UInt32 = 0
        var size: UInt64 = 0
        while !problem {
            let n = decoder.read(into: out)
            if n == 0 { break }
            let piece = UnsafeRawBufferPointer(rebasing: out[0..<n])
            crc = CRC32.update(crc, piece)
            size += UInt64(n)
        }
        guard !readFailed, !problem, decoder.membersDecoded > 0, decoder.paddingBytes == 0 else { return false }
        return crc == plainSum.crc && size == plainSum.size
    }

    /// Reads `fd` to its end, handing each chunk to `body` (which may clear `ok` to stop).
    ///
    /// - Returns: the CRC-32 and size of what was read, or nil on a read error or when stopped.
    private static func checksum(
        of fd: Int32, _ body: (UnsafeRawBufferPointer, inout Bool) -> Void
    ) -> (crc: UInt32, size: UInt64)? {
        let bufferSize = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var crc: UInt32 = 0
        var size: UInt64 = 0
        var ok = true
        while ok {
            let n = read(fd, buffer, bufferSize)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return (crc, size) }
            let chunk = UnsafeRawBufferPointer(start: buffer, count: n)
            crc = CRC32.update(crc, chunk)
            size += UInt64(n)
            body(chunk, &ok)
        }
        return nil
    }

    /// Cuts the bytes after the last `\n` of the open file `fd` (a line torn by a crash), so that
    /// no fragment of it stays behind.
    ///
    /// - Returns: the file's size afterwards and the number of bytes cut (0 when it ended in `\n`).
    static func cutTornTail(fd: Int32, path: String) throws(WriterError) -> (size: Int64, bytes: Int64) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw WriterError(.open, "cannot stat \(path)", errno: errno) }
        let size = Int64(st.st_size)
        guard size > 0 else { return (0, 0) }
        let blockSize = 1 << 16
        let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        // Search backwards, one block at a time, for the last newline.
        var end = size
        var keep: Int64 = 0
        search: while end > 0 {
            let start = max(0, end - Int64(blockSize))
            let want = Int(end - start)
            var got = 0
            while got < want {
                let n = pread(fd, block + got, want - got, off_t(start) + off_t(got))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw WriterError(.open, "cannot read \(path)", errno: n < 0 ? errno : EIO) }
                got += n
            }
            var i = want - 1
            while i >= 0 {
                if block.load(fromByteOffset: i, as: UInt8.self) == 0x0A {
                    keep = start + Int64(i) + 1
                    break search
                }
                i -= 1
            }
            end = start
        }
        guard keep < size else { return (size, 0) }
        guard ftruncate(fd, off_t(keep)) == 0 else {
            throw WriterError(.write, "cannot cut the torn last line of \(path)", errno: errno)
        }
        return (keep, size - keep)
    }
}
