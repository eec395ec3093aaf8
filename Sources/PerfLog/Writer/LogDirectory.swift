#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The log directory, held open so every file operation is relative to it (`openat`, `renameat`,
/// `unlinkat`) and never follows a symlink planted at a file's path (`O_NOFOLLOW`).
///
/// If the directory is removed while the writer runs, ``reopen()`` creates it again.
final class LogDirectory {
    let path: String
    let directoryMode: mode_t
    let fileMode: mode_t
    private(set) var fd: Int32 = -1

    init(path: String, directoryMode: mode_t, fileMode: mode_t) throws(WriterError) {
        self.path = path
        self.directoryMode = directoryMode
        self.fileMode = fileMode
        try reopen()
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Creates the directory (and its parents) when missing, then opens it.
    func reopen() throws(WriterError) {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        try LogDirectory.makeDirectories(path, mode: directoryMode)
        let d = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { throw WriterError.system(.directory, "open directory", path: path, errno: errno) }
        fd = d
    }

    /// True when the directory we hold open is still reachable at its path.
    func isStillLinked() -> Bool {
        var a = stat()
        var b = stat()
        guard fstat(fd, &a) == 0, stat(path, &b) == 0 else { return false }
        return a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_nlink > 0
    }

    static func makeDirectories(_ path: String, mode: mode_t) throws(WriterError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                throw WriterError(.directory, "\(path) exists and is not a directory")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw WriterError.system(.directory, "create directory", path: prefix, errno: errno)
            }
        }
    }

    func fullPath(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }

    /// Opens `name` for appending, creating it with ``fileMode``.
    ///
    /// The file is opened non-blocking (a FIFO planted at the path cannot hang the writer), then
    /// checked with `fstat` before any byte is written: a symlink, anything but a regular file, a
    /// file owned by another user and a file with more than one hard link are refused, and a mode
    /// that cannot be set is an error, so a planted file is never appended to or left
    /// world-writable.
    ///
    /// - Throws: ``WriterError`` naming the file and the reason.
    func openAppend(_ name: String, exclusive: Bool = false) throws(WriterError) -> Int32 {
        let flags = O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (exclusive ? O_EXCL : 0)
        let f = openat(fd, name, flags, fileMode)
        guard f >= 0 else { throw WriterError.system(.open, "open", path: fullPath(name), errno: errno) }
        do throws(WriterError) {
            let st = try checkRegular(f, name)
            guard st.st_uid == geteuid() else {
                throw WriterError(
                    .unsafeFile,
                    "refusing to write \(fullPath(name)): it is owned by uid \(st.st_uid), not by this process (uid \(geteuid()))"
                )
            }
            guard st.st_nlink == 1 else {
                throw WriterError(
                    .unsafeFile,
                    "refusing to write \(fullPath(name)): it has \(st.st_nlink) hard links (another name shares its data)"
                )
            }
            // umask may have narrowed a new file's mode, or an older file has another one.
            if st.st_mode & 0o7777 != fileMode {
                guard fchmod(f, fileMode) == 0 else {
                    throw WriterError(
                        .open, "cannot set mode \(LogDirectory.octal(fileMode)) on \(fullPath(name))", errno: errno)
                }
                var after = stat()
                guard fstat(f, &after) == 0, after.st_mode & 0o7777 == fileMode else {
                    throw WriterError(
                        .open,
                        "cannot set mode \(LogDirectory.octal(fileMode)) on \(fullPath(name)): the file system kept \(LogDirectory.octal(after.st_mode & 0o7777))"
                    )
                }
            }
            try LogDirectory.clearNonBlocking(f, fullPath(name))
        } catch {
            close(f)
            throw error
        }
        return f
    }

    /// Opens `name` read-only, non-blocking; refuses symlinks and anything but a regular file.
    func openRead(_ name: String) throws(WriterError) -> Int32 {
        let f = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard f >= 0 else { throw WriterError.system(.open, "open", path: fullPath(name), errno: errno) }
        do throws(WriterError) {
            _ = try checkRegular(f, name)
            try LogDirectory.clearNonBlocking(f, fullPath(name))
        } catch {
            close(f)
            throw error
        }
        return f
    }

    /// `fstat` of an open file, refusing anything but a regular file.
    func checkRegular(_ f: Int32, _ name: String) throws(WriterError) -> stat {
        var st = stat()
        guard fstat(f, &st) == 0 else { throw WriterError(.open, "cannot stat \(fullPath(name))", errno: errno) }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw WriterError(
                .unsafeFile,
                "refusing to use \(fullPath(name)): it is \(LogDirectory.kindName(kind)), not a regular file")
        }
        return st
    }

    static func clearNonBlocking(_ f: Int32, _ path: String) throws(WriterError) {
        let flags = fcntl(f, F_GETFL)
        guard flags >= 0, fcntl(f, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
            throw WriterError(.open, "cannot configure \(path)", errno: errno)
        }
    }

    /// `0640`.
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// "a FIFO", "a directory", … for messages.
    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    func rename(_ from: String, _ to: String) throws(WriterError) {
        guard renameat(fd, from, fd, to) == 0 else {
            throw WriterError(.rename, "cannot rename \(fullPath(from)) to \(to)", errno: errno)
        }
    }

    func remove(_ name: String) throws(WriterError) {
        guard unlinkat(fd, name, 0) == 0 || errno == ENOENT else {
            throw WriterError(.remove, "cannot remove \(fullPath(name))", errno: errno)
        }
    }

    func exists(_ name: String) -> Bool {
        var st = stat()
        return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0
    }

    /// `lstat` of an entry: (is a regular file, size, mtime in seconds), or nil.
    func info(_ name: String) -> (regular: Bool, size: Int64, isSymlink: Bool)? {
        var st = stat()
        guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        let kind = st.st_mode & S_IFMT
        return (kind == S_IFREG, Int64(st.st_size), kind == S_IFLNK)
    }

    /// Makes renames and unlinks in the directory durable.
    func sync() { fsync(fd) }

    /// The names in the directory (not `.` and `..`).
    func list() -> [String] { SystemFile.directoryNames(inDirectory: fd) }
}
