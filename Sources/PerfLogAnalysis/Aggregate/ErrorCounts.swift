/// Error counts of a set of `perf` events: all of them, one group, or one group in one window.
public struct ErrorCounts: Sendable, Equatable {
    /// Number of `perf` events.
    public var count: Int64 = 0
    /// Events whose outcome is an error.
    public var errors: Int64 = 0
    /// Events with an HTTP status from 400 to 499.
    public var status4xx: Int64 = 0
    /// Events with an HTTP status from 500 to 599.
    public var status5xx: Int64 = 0

    /// Zero counts.
    public init() {}

    /// Errors divided by count (0 when empty).
    public var errorRate: Double { count == 0 ? 0 : Double(errors) / Double(count) }
    /// 4xx events divided by count (0 when empty).
    public var rate4xx: Double { count == 0 ? 0 : Double(status4xx) / Double(count) }
    /// 5xx events divided by count (0 when empty).
    public var rate5xx: Double { count == 0 ? 0 : Double(status5xx) / Double(count) }

    /// Counts one event.
    @inline(__always)
    mutating func record(isError: Bool, status: Int?) {
        count += 1
        if isError { errors += 1 }
        if let s = status {
            if s >= 400 && s < 500 { status4xx += 1 } else if s >= 500 && s < 600 { status5xx += 1 }
        }
    }

    /// Adds `other`'s counts.
    public mutating func merge(_ other: ErrorCounts) {
        count += other.count
        errors += other.errors
        status4xx += other.status4xx
        status5xx += other.status5xx
    }
}
