#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the writer finds and repairs at start, after a crash or a clean stop alike:
/// stale temporaries are removed, a plain segment whose archive is complete is removed (the crash
/// came between the archive's rename and the plain file's removal), other plain segments are
/// queued for compression, and a torn last line of the active file is terminated with `\n`.
struct SegmentRecovery {
    /// Plain segments still to compress, oldest first.
    var pendingSegments: [SegmentName] = []
    /// The newest segment name present (so new names sort after it).
    var newest: SegmentName?
    /// Stale temporaries and duplicate plain segments removed.
    var removedFiles: [String] = []

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
                try directory.remove(p.plainFileName)
                removedFiles.append(p.plainFileName)
            } else if compress {
                pendingSegments.append(p)
            }
        }
        if !removedFiles.isEmpty { directory.sync() }
    }

    /// Terminates a torn last line of the open active file `fd` (one that does not end in `\n`).
    ///
    /// - Returns: the file's size afterwards.
    static func terminateTornLine(fd: Int32, path: String) throws(WriterError) -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw WriterError(.open, "cannot stat \(path)", errno: errno) }
        var size = Int64(st.st_size)
        guard size > 0 else { return 0 }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(size - 1)) == 1 else {
            return size  // opened write-only: cannot check; see RotatingFileWriter which opens O_RDWR first
        }
        if last != 0x0A {
            var nl: UInt8 = 0x0A
            guard write(fd, &nl, 1) == 1 else { throw WriterError(.write, "cannot terminate the torn last line of \(path)", errno: errno) }
            size += 1
        }
        return size
    }
}
