/// The comparison of an SLO rule: the condition that FIRES the rule (`p95 > 200ms` fires when the
/// p95 is over 200 ms), as in Prometheus alert expressions.
public enum SLOComparison: String, Sendable, CaseIterable {
    /// `<`: fires when the value is below the threshold.
    case less = "<"
    /// `<=`: fires when the value is at or below the threshold.
    case lessOrEqual = "<="
    /// `>`: fires when the value is over the threshold.
    case greater = ">"
    /// `>=`: fires when the value is at or over the threshold.
    case greaterOrEqual = ">="

    /// Whether `value <op> threshold` holds.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .less: value < threshold
        case .lessOrEqual: value <= threshold
        case .greater: value > threshold
        case .greaterOrEqual: value >= threshold
        }
    }
}
