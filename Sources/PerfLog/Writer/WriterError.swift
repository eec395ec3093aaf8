#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the rotating writer could not start, or what went wrong while it ran.
///
/// Start-up problems are thrown by ``RotatingFileWriter/init(configuration:)``; problems while
/// running never throw (logging must not take the application down): they are counted, reported
/// once on standard error and kept as ``RotatingFileWriter/Statistics/lastError``.
public struct WriterError: Error, Sendable, CustomStringConvertible, Equatable {
    enum Code: Sendable, Equatable {
        case invalidConfiguration, directory, symlink, locked, open, write, rename, compress, sync, remove, unsafeFile
    }

    let code: Code
    /// A human message naming the file concerned.
    public let message: String
    /// The `errno` behind the failure, when there was one.
    public let errno: Int32?

    init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// True when a symlink was found where the writer creates or opens a file (refused, not followed).
    public var isSymlinkRefusal: Bool { code == .symlink }
    /// True when a file at a path the writer uses was refused: not a regular file (a FIFO, a
    /// directory, a device), owned by another user, or with more than one hard link.
    public var isUnsafeFileRefusal: Bool { code == .unsafeFile }
    /// True when another writer holds the directory's lock for this log name.
    public var isLocked: Bool { code == .locked }
    /// True for a bad ``RotatingFileWriter/Configuration``.
    public var isInvalidConfiguration: Bool { code == .invalidConfiguration }

    public var description: String {
        guard let errno else { return message }
        return "\(message): \(String(cString: strerror(errno)))"
    }

    /// Builds the error for a failed system call on `path`, recognising a refused symlink.
    static func system(_ code: Code, _ what: String, path: String, errno e: Int32) -> WriterError {
        if e == ELOOP {
            return WriterError(.symlink, "refusing to \(what) \(path): it is a symbolic link")
        }
        return WriterError(code, "cannot \(what) \(path)", errno: e)
    }
}
