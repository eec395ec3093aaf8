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
/// | memory | `process.rss_bytes` | gauge_max > 512 MB (per process: the largest sample) |
/// | cpu | `process.cpu_percent` | gauge_mean > 80 for 10m (in every 10-minute window) |
///
/// The last two apply to resource samples (``ResourceSampler``); ``applicable(_:)`` drops them
/// from a check of logs without any.
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
            SLORule(
                name: "memory", match: RuleMatch(opGlobs: ["process.rss_bytes"]), stat: .gaugeMax, comparison: .greater,
                threshold: 512 * 1_048_576, severity: "critical", summary: "Memory must stay under 512 MB per process"),
            SLORule(
                name: "cpu", match: RuleMatch(opGlobs: ["process.cpu_percent"]), stat: .gaugeMean, comparison: .greater,
                threshold: 80, forMicroseconds: 600_000_000, severity: "warning",
                summary: "CPU must stay under 80% sustained"),
        ]
    }

    /// The names of the rules on resource samples.
    public static let resourceRuleNames: Set<String> = ["memory", "cpu"]

    /// `results` without the resource rules that saw no resource sample.
    public static func applicable(_ results: [RuleResult]) -> [RuleResult] {
        results.filter { !(resourceRuleNames.contains($0.rule.name) && $0.count == 0) }
    }
}
