/// The result of scanning one line with ``LineScanner/scan(_:into:)``.
@_spi(Internals) public enum ScanOutcome: Sendable, Equatable {
    /// The line is one JSON object; the record holds its known fields.
    case record
    /// The line is empty or holds only whitespace (after a BOM and a trailing `\r`, if any).
    /// Blank lines are skipped and are not counted as malformed.
    case blank
    /// The line is not exactly one JSON object; the reason says why and where.
    case malformed(MalformedReason)
}
