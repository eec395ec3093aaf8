#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Low-level helpers shared by the file-descriptor sinks.
enum FileDescriptorIO {
    /// Writes all bytes, retrying on EINTR and partial writes.
    ///
    /// - Returns: 0 on success, else the `errno` of the failure.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard var p = bytes.baseAddress else { return 0 }
        var left = bytes.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                return e
            }
            if n == 0 { return EIO }
            p += n
            left -= n
        }
        return 0
    }

    /// Writes a diagnostic to standard error, ignoring failures.
    static func reportOnStandardError(_ message: String) {
        var text = "perflog: " + message + "\n"
        text.withUTF8 { _ = writeAll(2, UnsafeRawBufferPointer($0)) }
    }
}
