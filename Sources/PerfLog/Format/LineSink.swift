/// Where encoded lines go: the one small writer protocol that every sink implements
/// (standard output, a plain file, the rotating compressed writer, an in-memory test sink).
///
/// A sink receives complete lines, each ending in `\n`, and must never split one. It never throws
/// and never traps: a failure is counted and reported through the sink's own status, so that
/// logging can never take the application down.
///
/// ```swift
/// let sink: any LineSink = StandardStreamSink.standardError
/// bytes.withUnsafeBytes { sink.write(line: $0) }
/// sink.flush()
/// ```
public protocol LineSink: Sendable {
    /// Writes one complete line (its bytes end in `\n`). The bytes are copied before returning.
    func write(line: UnsafeRawBufferPointer)
    /// Returns when every line written before the call has reached the operating system.
    func flush()
}
