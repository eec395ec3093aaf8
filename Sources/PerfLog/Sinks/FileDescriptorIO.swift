#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Low-level helpers shared by the file-descriptor sinks.
enum FileDescriptorIO {
    /// Writes a diagnostic to standard error, ignoring failures.
    static func reportOnStandardError(_ message: String) {
        var text = "perflog: " + message + "\n"
        text.withUTF8 { _ = SystemFile.writeAll(2, UnsafeRawBufferPointer($0)) }
    }
}
