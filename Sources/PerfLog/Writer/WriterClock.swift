/// The wall clock the rotating writer reads for time-based rotation, segment names, retention by
/// age and the `ts` of its own `dropped events` line. Injectable so tests can drive rotation.
///
/// ```swift
/// struct FixedClock: WriterClock { func now() -> Timestamp { Timestamp(microseconds: 0) } }
/// ```
public protocol WriterClock: Sendable {
    /// The current UTC time.
    func now() -> Timestamp
}

/// The system's real-time clock (`CLOCK_REALTIME`).
public struct SystemWriterClock: WriterClock {
    /// The system clock.
    public init() {}
    /// The current UTC time from `CLOCK_REALTIME`.
    public func now() -> Timestamp { Timestamp.now() }
}
