import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns command-line arguments into the ordered list of sources to read.
///
/// - A file is taken as is, whatever its name: its format is recognised later by its magic
///   bytes (`1f 8b` is gzip), not by its extension.
/// - A directory contributes its log files (`*.log`, `*.ndjson`, `*.jsonl`, `*.gz`) in time
///   order: perflog's segments `<name>-<UTC>.log.gz` by their sortable names, then the active
///   `<name>.log` after its own segments. Subdirectories are not descended into.
/// - An argument containing `*`, `?` or `[` is a glob (glob(3)); its matches are sorted.
/// - `-` is the standard input.
/// - A file reached twice (the same path twice, a glob and a directory, a symlink such as
///   `latest.log -> app.log` beside its target, a hard link) is read once: files are told apart
///   by device and inode, and ``resolve(_:duplicates:)`` lists the paths left out.
///
/// ```swift
/// let sources = try InputResolver.resolve(["logs/", "old/*.gz", "-"])
/// ```
public enum InputResolver {
    /// Resolves `arguments` into sources, in order, without duplicates.
    ///
    /// - Parameter arguments: paths, directories, globs and `-`; an empty list means stdin.
    /// - Throws: ``InputError`` naming the first argument that cannot be used.
    public static func resolve(_ arguments: [String]) throws(InputError) -> [InputSource] {
        var duplicates: [DuplicateInput] = []
        return try resolve(arguments, duplicates: &duplicates)
    }

    /// Resolves `arguments` into sources, in order, each file once, and lists in `duplicates`
    /// every path left out because it is a file already listed (same device and inode).
    ///
    /// ```swift
    /// var skipped: [DuplicateInput] = []
    /// let sources = try InputResolver.resolve(["logs/"], duplicates: &skipped)
    /// // logs/latest.log -> app.log: skipped[0].description == "logs/latest.log is the same file as logs/app.log; read once"
    /// ```
    /// - Parameters:
    ///   - arguments: paths, directories, globs and `-`; an empty list means stdin.
    ///   - duplicates: receives the paths read once, in argument order.
    /// - Throws: ``InputError`` naming the first argument that cannot be used.
    public static func resolve(_ arguments: [String], duplicates: inout [DuplicateInput]) throws(InputError)
        -> [InputSource]
    {
        var out: [InputSource] = []
        var seen = Set<InputSource>()
        var files: [FileIdentity: String] = [:]
        func add(_ s: InputSource) {
            if case .file(let path) = s.kind, let id = FileIdentity(path: path) {
                if let first = files[id] {
                    duplicates.append(DuplicateInput(path: path, sameAs: first))
                    return
                }
                files[id] = path
            }
            if seen.insert(s).inserted { out.append(s) }
        }
        if arguments.isEmpty { return [.stdin] }
        var sawStdin = false
        for arg in arguments {
            if arg == "-" {
                if sawStdin { throw InputError(.duplicateStdin, argument: arg) }
                sawStdin = true
                add(.stdin)
                continue
            }
            if isGlob(arg) && !exists(arg) {
                let matches = glob(arg)
                if matches.isEmpty { throw InputError(.noMatch, argument: arg) }
                for m in matches {
                    if isDirectory(m) {
                        for f in (try? directoryFiles(m, argument: arg)) ?? [] { add(.file(f)) }
                    } else if isRegularFile(m) {
                        add(.file(m))
                    }
                }
                continue
            }
            var st = stat()
            guard stat(arg, &st) == 0 else {
                let e = errno
                if e == ENOENT || e == ENOTDIR { throw InputError(.noSuchFile, argument: arg) }
                throw InputError(.unreadable, argument: arg, detail: String(cString: strerror(e)))
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let files = try directoryFiles(arg, argument: arg)
                if files.isEmpty { throw InputError(.emptyDirectory, argument: arg) }
                for f in files { add(.file(f)) }
            case S_IFREG, S_IFIFO, S_IFCHR:
                guard access(arg, R_OK) == 0 else {
                    throw InputError(.unreadable, argument: arg, detail: String(cString: strerror(errno)))
                }
                add(.file(arg))
            default:
                throw InputError(.unreadable, argument: arg, detail: "not a regular file or directory")
            }
        }
        return out
    }

    /// True for names the directory scan picks up.
    static func isLogFileName(_ name: String) -> Bool {
        guard !name.hasPrefix(".") else { return false }
        return name.hasSuffix(".log") || name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || name.hasSuffix(".gz")
    }

    /// The log files of a directory in time order (see the type's discussion).
    static func directoryFiles(_ dir: String, argument: String) throws(InputError) -> [String] {
        let listing = SystemFile.directoryNames(atPath: dir)
        guard listing.errno == 0 else {
            throw InputError(.unreadable, argument: argument, detail: String(cString: strerror(listing.errno)))
        }
        var names: [String] = []
        for name in listing.names {
            guard isLogFileName(name) else { continue }
            let path = join(dir, name)
            guard isRegularFile(path) else { continue }
            names.append(name)
        }
        return orderByTime(names).map { join(dir, $0) }
    }

    /// Sorts file names so that segments `<name>-<UTC>...` come in name order and each active
    /// `<name>.log` comes right after its own segments.
    static func orderByTime(_ names: [String]) -> [String] {
        func key(_ n: String) -> [UInt8] {
            if n.hasSuffix(".log") {
                let stem = String(n.dropLast(4))
                if names.contains(where: { $0 != n && $0.hasPrefix(stem + "-") }) {
                    return Array((stem + "-").utf8) + [0x7F]
                }
            }
            return Array(n.utf8)
        }
        return names.map { (key($0), $0) }.sorted { a, b in
            a.0.lexicographicallyPrecedes(b.0) || (a.0 == b.0 && a.1 < b.1)
        }.map(\.1)
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    static func isGlob(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// Expands a glob pattern with glob(3); matches come sorted.
    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        #if canImport(Glibc)
            guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #else
            guard Darwin.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #endif
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out
    }
}
