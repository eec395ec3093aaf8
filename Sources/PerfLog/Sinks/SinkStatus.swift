/// What a sink has done so far: lines and bytes written, lines lost to I/O failures.
///
/// Sinks never throw after they are created; they count failures here and report the first one
/// once on standard error.
public struct SinkStatus: Sendable, Hashable, CustomStringConvertible {
    /// Lines handed to the operating system.
    public var linesWritten: Int = 0
    /// Bytes handed to the operating system.
    public var bytesWritten: Int = 0
    /// Lines that could not be written (in whole or in part).
    public var failedLines: Int = 0
    /// The `errno` of the most recent failure, if any.
    public var lastErrno: Int32?

    /// A status with every count zero.
    public init() {}

    public var description: String {
        "lines \(linesWritten), bytes \(bytesWritten), failed \(failedLines)"
            + (lastErrno.map { ", last errno \($0) (\(SinkError.errnoText($0)))" } ?? "")
    }
}
