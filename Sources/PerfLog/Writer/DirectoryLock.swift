#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The advisory lock that makes one writer per active file: `flock` on `<dir>/.<name>.lock`,
/// held for the writer's life. A second writer (another process, or another writer object in the
/// same process) gets ``WriterError/isLocked`` instead of interleaving lines.
///
/// The lock file is never deleted (deleting lock files races with other lockers); the kernel
/// releases the lock when the process dies, so a killed writer never leaves a stale lock.
final class DirectoryLock {
    private var fd: Int32

    static func fileName(for name: String) -> String { "." + name + ".lock" }

    init(directory: LogDirectory, name: String) throws(WriterError) {
        let lockName = DirectoryLock.fileName(for: name)
        let f = openat(
            directory.fd, lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, directory.fileMode)
        guard f >= 0 else {
            throw WriterError.system(.open, "open lock file", path: directory.fullPath(lockName), errno: errno)
        }
        do throws(WriterError) {
            _ = try directory.checkRegular(f, lockName)
        } catch {
            close(f)
            throw error
        }
        if flock(f, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(f)
            if e == EWOULDBLOCK {
                throw WriterError(
                    .locked,
                    "another perflog writer is already writing \(directory.fullPath(name + ".log")) (lock \(directory.fullPath(lockName)) is held)"
                )
            }
            throw WriterError.system(.open, "lock", path: directory.fullPath(lockName), errno: e)
        }
        fd = f
    }

    /// Releases the lock.
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
