import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thing `perflog tail` prints the end of: a plain log file (which `-f` follows), a gzip
/// archive (read through, never followed), or the standard input.
///
/// ``resolve(_:)`` turns the command-line arguments into targets:
/// - a file is itself, plain or gzip by its magic bytes (`1f 8b`), whatever its name;
/// - a directory is its active `*.log` file, the one perflog's writer appends to (a rotated
///   segment `<name>-<UTC>.log` or `.log.gz` is never the active file);
/// - an argument holding `*`, `?` or `[` that names no file is a glob: each match, in name order,
///   is taken as above;
/// - `-` is the standard input (plain or gzip).
///
/// ```swift
/// let targets = try TailTarget.resolve(["logs/", "old/*.gz"])
/// ```
package struct TailTarget: Sendable, Hashable, CustomStringConvertible {
    /// How the target is read.
    package enum Kind: Sendable, Hashable {
        /// A plain file: its last lines are read from the end, and `-f` follows it.
        case plain
        /// A gzip file: read from its start, decompressed, keeping its last lines.
        case archive
        /// The standard input.
        case standardInput
    }

    /// The path (`-` for the standard input).
    package var path: String
    /// How it is read.
    package var kind: Kind

    /// A target at `path`.
    package init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// The path, as shown in headers and messages.
    package var description: String { path }

    /// Resolves command-line arguments into targets, in order, without duplicates.
    ///
    /// - Parameter arguments: files, directories, globs and `-`; none means the standard input.
    /// - Throws: ``TailError`` naming the first argument that cannot be tailed.
    package static func resolve(_ arguments: [String]) throws(TailError) -> [TailTarget] {
        if arguments.isEmpty { return [TailTarget(path: "-", kind: .standardInput)] }
        var out: [TailTarget] = []
        func add(_ t: TailTarget) throws(TailError) {
            if t.kind == .standardInput && out.contains(t) {
                throw TailError(.standardInput, "- (standard input) is given more than once")
            }
            if !out.contains(t) { out.append(t) }
        }
        for arg in arguments {
            if arg == "-" {
                try add(TailTarget(path: "-", kind: .standardInput))
            } else if InputResolver.isGlob(arg) && !InputResolver.exists(arg) {
                let matches = InputResolver.glob(arg)
                if matches.isEmpty { throw TailError(.noSuchFile, "no files match \(arg)") }
                for m in matches { try add(target(m)) }
            } else {
                try add(target(arg))
            }
        }
        return out
    }

    /// The target for one path: a file, or a directory's active log file.
    static func target(_ path: String) throws(TailError) -> TailTarget {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { throw TailError(.noSuchFile, "no such file: \(path)") }
            throw TailError(.unreadable, "cannot read \(path): \(String(cString: strerror(e)))")
        }
        let file = st.st_mode & S_IFMT == S_IFDIR ? try activeFile(in: path) : path
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw TailError(.unreadable, "cannot read \(file): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) }
        return TailTarget(path: file, kind: n == 2 && magic == (0x1F, 0x8B) ? .archive : .plain)
    }

    /// A directory's active `*.log` file: the one `.log` file that is not a rotated segment.
    static func activeFile(in directory: String) throws(TailError) -> String {
        let files: [String]
        do { files = try InputResolver.directoryFiles(directory, argument: directory) } catch {
            throw TailError(.unreadable, "cannot read \(directory): \(error.detail ?? "")")
        }
        let name = { (path: String) in String(path.split(separator: "/").last ?? Substring(path)) }
        let active = files.filter { $0.hasSuffix(".log") && !isSegment(name($0)) }
        switch active.count {
        case 1:
            return active[0]
        case 0:
            let newest = files.last { $0.hasSuffix(".gz") }
            throw TailError(
                .noActiveFile,
                "no active *.log file in \(directory)" + (newest.map { "; name a file to tail, e.g. \($0)" } ?? ""))
        default:
            throw TailError(
                .noActiveFile,
                "several active log files in \(directory) (\(active.map(name).sorted().joined(separator: ", "))); name the one to tail"
            )
        }
    }

    /// Whether `fileName` is a rotated segment `<base>-<UTC>[_NNN].log` of some log.
    static func isSegment(_ fileName: String) -> Bool {
        var prefix = ""
        for c in fileName {
            if c == "-", !prefix.isEmpty, SegmentName.parse(fileName, base: prefix) != nil { return true }
            prefix.append(c)
        }
        return false
    }
}
