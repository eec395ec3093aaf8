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
        if fd >= 0 { close(fd); fd = -1 }
        try LogDirectory.makeDirectories(path, mode: directoryMode)
        let d = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { throw WriterError.system(.directory, "open directory", path: path, errno: errno) }
        fd = d
    }

    /// True when the directory we hold open is still reachable at its path.
    func isStillLinked() -> Bool {
        var a = stat(), b = stat()
        guard fstat(fd, &a) == 0, stat(path, &b) == 0 else { return false }
        return a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_nlink > 0
    }

    static func makeDirectories(_ path: String, mode: mode_t) throws(WriterError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw WriterError(.directory, "\(path) exists and is not a directory") }
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

    /// Opens `name` for appending, creating it with ``fileMode``; refuses symlinks.
    func openAppend(_ name: String, exclusive: Bool = false) throws(WriterError) -> Int32 {
        let flags = O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (exclusive ? O_EXCL : 0)
        let f = openat(fd, name, flags, fileMode)
        guard f >= 0 else { throw WriterError.system(.open, "open", path: fullPath(name), errno: errno) }
        fchmod(f, fileMode)  // umask may have narrowed or we continue an older file
        return f
    }

    /// Opens `name` read-only; refuses symlinks.
    func openRead(_ name: String) throws(WriterError) -> Int32 {
        let f = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard f >= 0 else { throw WriterError.system(.open, "open", path: fullPath(name), errno: errno) }
        return f
    }

    /// Opens `name` read-write without creating it; refuses symlinks.
    func openReadWrite(_ name: String) throws(WriterError) -> Int32 {
        let f = openat(fd, name, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard f >= 0 else { throw WriterError.system(.open, "open", path: fullPath(name), errno: errno) }
        return f
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
