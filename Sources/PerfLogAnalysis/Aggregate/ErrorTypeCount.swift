/// How often one error type occurred.
public struct ErrorTypeCount: Sendable, Equatable {
    /// The `error` field (`nil` for errors without one).
    public var error: String?
    /// Number of erroneous `perf` events with that error.
    public var count: Int64

    /// An error type and how often it occurred.
    public init(error: String?, count: Int64) {
        self.error = error
        self.count = count
    }
}
