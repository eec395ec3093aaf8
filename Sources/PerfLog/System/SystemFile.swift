#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing whole buffers to file descriptors and listing directories: the one place perflog
/// loops over `write(2)` and `readdir(3)`, so that retries and platform differences stay here.
package enum SystemFile {
    /// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`.
    ///
    /// - Returns: `errno` 0 on success, else the `errno` of the failure (`EIO` when the file
    ///   takes nothing), with how many bytes were written.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (errno: Int32, written: Int) {
        guard var p = bytes.baseAddress else { return (0, 0) }
        var left = bytes.count
        var done = 0
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                return (e, done)
            }
            if n == 0 { return (EIO, done) }
            p += n
            left -= n
            done += n
        }
        return (0, done)
    }

    /// `read(2)`, for types that have a `read` method of their own.
    @inline(__always)
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// `open(2)` without a creation mode, for types that have an `open` method of their own.
    package static func open(_ path: String, _ flags: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.open(path, flags)
        #else
            Darwin.open(path, flags)
        #endif
    }

    /// `open(2)` with a creation mode, for types that have an `open` method of their own.
    package static func open(_ path: String, _ flags: Int32, mode: mode_t) -> Int32 {
        #if canImport(Glibc)
            Glibc.open(path, flags, mode)
        #else
            Darwin.open(path, flags, mode)
        #endif
    }

    /// `close(2)`, for types that have a `close` method of their own.
    @discardableResult
    package static func close(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(fd)
        #else
            Darwin.close(fd)
        #endif
    }

    /// The names in the directory at `path` (not `.` and `..`), in the order the file system
    /// gives them, or the `errno` of opening it.
    package static func directoryNames(atPath path: String) -> (names: [String], errno: Int32) {
        guard let dir = opendir(path) else { return ([], errno) }
        return (readNames(closing: dir), 0)
    }

    /// The names in the directory open as `fd` (not `.` and `..`); empty when it cannot be read.
    package static func directoryNames(inDirectory fd: Int32) -> [String] {
        let d = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { return [] }
        guard let dir = fdopendir(d) else {
            Self.close(d)
            return []
        }
        return readNames(closing: dir)
    }

    #if canImport(Glibc)
        private typealias DirectoryStream = OpaquePointer
    #else
        private typealias DirectoryStream = UnsafeMutablePointer<DIR>
    #endif

    private static func readNames(closing dir: DirectoryStream) -> [String] {
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
