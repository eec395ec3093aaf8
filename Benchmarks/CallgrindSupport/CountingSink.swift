import PerfLog

/// A sink that only counts the bytes of the lines it is given: the callgrind drivers' end of the
/// line, so their instruction counts hold the logging work and no I/O.
public final class CountingSink: LineSink, @unchecked Sendable {
    // @unchecked Sendable: one thread writes, and the count is read after it finished.
    /// Bytes of every line written.
    public private(set) var bytes = 0

    /// An empty sink.
    public init() {}

    public func write(line: UnsafeRawBufferPointer) { bytes &+= line.count }
    public func flush() {}

    /// The driver's repetition count: its first argument, 20,000 without one.
    public static var iterations: Int { CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 20_000 }
}
