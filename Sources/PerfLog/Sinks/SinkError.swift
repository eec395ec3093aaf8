#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a sink could not be created (sinks never throw once they exist).
public struct SinkError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case openFailed
        case symlinkRefused
        case notAFile
    }

    let code: Code
    /// The path the sink was to write.
    public let path: String
    /// The operating system's error number.
    public let errno: Int32

    init(_ code: Code, path: String, errno: Int32) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    /// True when the path is a symbolic link, which perflog never follows.
    public var isSymlinkRefused: Bool { code == .symlinkRefused }

    public var description: String {
        switch code {
        case .symlinkRefused:
            "cannot open log file \(path): it is a symbolic link, which perflog refuses to follow"
        case .notAFile:
            "cannot open log file \(path): not a regular file"
        case .openFailed:
            "cannot open log file \(path): \(SinkError.errnoText(errno))"
        }
    }

    static func errnoText(_ e: Int32) -> String {
        guard let s = strerror(e) else { return "errno \(e)" }
        return String(cString: s)
    }
}
