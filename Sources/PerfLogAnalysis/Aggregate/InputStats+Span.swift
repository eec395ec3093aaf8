import PerfLog

extension InputStats {
    /// First to last timestamp of what was read, or `nil` when no record had a timestamp.
    public var span: ClosedRange<Timestamp>? {
        guard let from, let to else { return nil }
        return from...to
    }
}
