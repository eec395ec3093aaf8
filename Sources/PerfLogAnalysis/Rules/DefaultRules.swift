/// The built-in rules `perflog check` uses without `--rules`: the seed's response-time targets
/// (95th percentile per kind of operation, matched by op prefix) and its 5% error-rate alert.
///
/// | name | match | fires when |
/// |---|---|---|
/// | api-p95 | `api.*` | p95 > 200 ms |
/// | db-p95 | `db.*` | p95 > 100 ms |
/// | llm-p95 | `llm.*` | p95 > 2000 ms |
/// | page-p95 | `page.*` | p95 > 1000 ms |
/// | therapeutic-p95 | `therapeutic.*` | p95 > 500 ms |
/// | error-rate | every op | error_rate > 5% |
public enum DefaultRules {
    /// The default rules, in the order above.
    public static var all: [SLORule] {
        func p95(_ name: String, _ prefix: String, _ ms: Double, _ what: String) -> SLORule {
            SLORule(
                name: name, match: RuleMatch(opGlobs: [prefix + "*"]), stat: .p95, comparison: .greater, threshold: ms,
                severity: "warning", summary: "\(what) p95 must stay under \(Int(ms)) ms")
        }
        return [
            p95("api-p95", "api.", 200, "API endpoint"),
            p95("db-p95", "db.", 100, "Database query"),
            p95("llm-p95", "llm.", 2000, "LLM response"),
            p95("page-p95", "page.", 1000, "Page load"),
            p95("therapeutic-p95", "therapeutic.", 500, "Therapeutic processing"),
            SLORule(
                name: "error-rate", match: RuleMatch(), stat: .errorRate, comparison: .greater, threshold: 0.05,
                severity: "critical", summary: "Errors must stay under 5% of all operations"),
        ]
    }
}
