/// When `diff` calls a change a regression (docs/CHECK.md, "diff").
///
/// A group regresses when it has at least ``minCount`` events on BOTH sides and
/// - its p95 or its p99 grew by more than ``failAbove`` (relative: 0.10 is +10%), or
/// - its error rate grew by more than ``failAbove`` relative to the base AND by at least
///   ``minErrorRateDelta`` absolute (0.01 is one percentage point), so that 0.1% → 0.2% does not
///   flap; from a base of zero errors only the absolute rise counts.
/// p50 is shown but not gated. Groups on one side only are marked `new` or `gone`, never
/// regressions.
public struct DiffGate: Sendable, Equatable {
    /// Largest accepted relative increase (0.10 = 10%).
    public var failAbove: Double
    /// Fewest events a group needs on each side to be judged.
    public var minCount: Int64
    /// Smallest absolute error-rate rise that counts (a fraction).
    public var minErrorRateDelta: Double

    /// A gate with these limits (the defaults are `perflog diff`'s).
    public init(failAbove: Double = 0.10, minCount: Int64 = 30, minErrorRateDelta: Double = 0.01) {
        self.failAbove = failAbove
        self.minCount = minCount
        self.minErrorRateDelta = minErrorRateDelta
    }

    /// The metrics of a group that regressed (empty: none).
    public func regressions(base: DiffStats, current: DiffStats) -> [DiffMetric] {
        guard base.count >= minCount, current.count >= minCount else { return [] }
        var out: [DiffMetric] = []
        for m in [DiffMetric.p95, .p99] {
            if let b = base.value(m), let c = current.value(m), b > 0, (c - b) / b > failAbove { out.append(m) }
        }
        let b = base.errorRate
        let c = current.errorRate
        if c - b >= minErrorRateDelta && (b == 0 || (c - b) / b > failAbove) { out.append(.errorRate) }
        return out
    }
}
