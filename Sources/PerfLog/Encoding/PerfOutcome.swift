/// The `outcome` field of a measured operation.
public enum PerfOutcome: String, Sendable, Hashable, CaseIterable {
    /// The operation completed.
    case success
    /// The operation failed: it threw, or (HTTP) answered with a 5xx status.
    case error
}
