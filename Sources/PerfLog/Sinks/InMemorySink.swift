import Synchronization

/// A sink that keeps every line in memory: for tests of code that logs through perflog.
///
/// ```swift
/// let sink = InMemorySink()
/// let logger = Logger(label: "test") { PerfLogHandler(label: $0, sink: sink) }
/// logger.info("hello")
/// #expect(sink.lines.count == 1)
/// ```
public final class InMemorySink: LineSink {
    private let storage = Mutex<[[UInt8]]>([])

    /// Creates an empty sink.
    public init() {}

    public func write(line: UnsafeRawBufferPointer) {
        let copy = [UInt8](line)
        storage.withLock { $0.append(copy) }
    }

    public func flush() {}

    /// Every line written so far, as bytes (each ends in `\n`).
    public var lineBytes: [[UInt8]] { storage.withLock { $0 } }

    /// Every line written so far, decoded as UTF-8, without its `\n`.
    public var lines: [String] {
        lineBytes.map { String(decoding: $0.last == 0x0A ? $0.dropLast() : $0[...], as: UTF8.self) }
    }

    /// All bytes written so far, concatenated.
    public var contents: [UInt8] { storage.withLock { $0.flatMap { $0 } } }

    /// Forgets every line.
    public func removeAll() { storage.withLock { $0.removeAll() } }
}
