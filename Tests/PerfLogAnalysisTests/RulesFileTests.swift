import Testing

@testable import PerfLogAnalysis

@Suite struct RulesFileTests {
    /// The seed's alerts.yml, rewritten for perflog.
    static let alerts = """
        # alerts.yml for perflog check
        groups:
          - name: tta_performance
            rules:
              - alert: HighResponseTime
                match: "api.*"
                stat: p95
                op: ">"
                threshold: 200ms
                for: 5m
                labels:
                  severity: warning
                annotations:
                  summary: "High response time detected"
              - alert: HighErrorRate
                match:
                  where: 'status >= 500'
                stat: error_rate
                op: ">"
                threshold: 5%
                for: 2m
                labels: {severity: critical}
                annotations: {summary: "High error rate detected"}
          - name: traffic
            rules:
              - name: LowTraffic
                match: [api.*, page.*]
                stat: rate_per_min
                op: "<"
                threshold: 10/s
                min_count: 1
                severity: info
        """

    @Test func readsAGroupedAlertsFile() throws {
        let rules = try RulesFile.parse(Self.alerts, file: "alerts.yml")
        #expect(rules.map(\.name) == ["HighResponseTime", "HighErrorRate", "LowTraffic"])
        #expect(rules[0].match.opGlobs == ["api.*"])
        #expect(rules[0].stat == .p95)
        #expect(rules[0].comparison == .greater)
        #expect(rules[0].threshold == 200)
        #expect(rules[0].forMicroseconds == 300_000_000)
        #expect(rules[0].severity == "warning")
        #expect(rules[0].summary == "High response time detected")
        #expect(rules[0].conditionText == "p95 > 200.0 ms for 5m")
        #expect(rules[1].match.where?.source == "status >= 500")
        #expect(rules[1].threshold == 0.05)
        #expect(rules[1].forMicroseconds == 120_000_000)
        #expect(rules[1].severity == "critical")
        #expect(rules[2].match.opGlobs == ["api.*", "page.*"])
        #expect(rules[2].comparison == .less)
        #expect(rules[2].threshold == 600)
        #expect(rules[2].forMicroseconds == nil)
        #expect(rules[2].severity == "info")
    }

    @Test func readsATopLevelRulesList() throws {
        let rules = try RulesFile.parse(
            "rules:\n  - name: db\n    match: db.*\n    stat: p99\n    op: '>='\n    threshold: 0.25s\n")
        #expect(rules.count == 1)
        #expect(rules[0].threshold == 250)
        #expect(rules[0].comparison == .greaterOrEqual)
    }

    static func error(_ text: String) -> RulesFileError? {
        do {
            _ = try RulesFile.parse(text, file: "r.yml")
            return nil
        } catch {
            return error
        }
    }

    @Test func anUnknownStatIsReportedAtItsLineAndColumn() {
        let e = Self.error("rules:\n  - name: a\n    stat: p96\n    op: '>'\n    threshold: 1ms\n")
        #expect(e?.code == .invalid)
        #expect(e?.line == 3)
        #expect(e?.column == 11)
        #expect(
            e?.description
                == "r.yml:3:11: unknown stat 'p96' (expected p50, p90, p95, p99, p999, mean, max, error_rate, rate_per_min, rate_per_s, gauge_max, gauge_mean)"
        )
    }

    @Test func anUnknownKeyIsReportedSoATypoNeverDisablesARule() {
        let e = Self.error("rules:\n  - name: a\n    stat: p95\n    op: '>'\n    threshold: 1ms\n    fro: 5m\n")
        #expect(e?.line == 6)
        #expect(e?.column == 5)
        #expect(e?.message.hasPrefix("unknown key 'fro' in a rule") == true)
    }

    @Test func aBadThresholdNamesTheExpectedForm() {
        let e = Self.error("rules:\n  - name: a\n    stat: error_rate\n    op: '>'\n    threshold: 5\n")
        #expect(e?.line == 5)
        #expect(e?.column == 16)
        #expect(e?.message == "an error_rate threshold is a percentage (5%) or a fraction from 0 to 1 (0.05), not '5'")
    }

    @Test func yamlSyntaxErrorsCarryLibYAMLsPosition() {
        let e = Self.error("rules:\n  - name: a\n    stat: [p95\n    op: '>'\n")
        #expect(e?.code == .syntax)
        #expect(e?.line != nil)
        #expect(e?.column != nil)
        #expect(e?.description.hasPrefix("r.yml:") == true)
        let tabs = Self.error("rules:\n\t- name: a\n")
        #expect(tabs?.code == .syntax)
        #expect(tabs?.line == 2)
    }

    @Test func aBadWhereExpressionPointsIntoTheYAMLValue() {
        // The quote is at column 12, so the expression starts at column 13; its error is at its column 11.
        let e = Self.error(
            "rules:\n  - name: a\n    where: 'status >= '\n    stat: p95\n    op: '>'\n    threshold: 1ms\n")
        #expect(e?.line == 3)
        #expect(e?.message.hasPrefix("where: ") == true)
        #expect(e?.column == 13 + 10)
    }

    @Test func missingPartsAndDuplicatesAreErrors() {
        #expect(
            Self.error("rules:\n  - name: a\n    stat: p95\n    threshold: 1ms\n")?.message
                == "rule 'a' needs an op (<, <=, > or >=: the condition that fires it)")
        #expect(Self.error("rules:\n  - stat: p95\n")?.message == "a rule needs a name (name: or alert:)")
        #expect(Self.error("")?.message == "the rules file is empty (expected `rules:` or `groups:`)")
        #expect(Self.error("alerts: []\n")?.message == "unknown key 'alerts' (expected rules or groups)")
        let twice =
            "rules:\n  - {name: a, stat: p95, op: '>', threshold: 1ms}\n  - {name: a, stat: p99, op: '>', threshold: 1ms}\n"
        #expect(Self.error(twice)?.message == "two rules are named 'a'")
        #expect(Self.error("rules:\n  - {name: a, stat: p95, op: '=>', threshold: 1ms}\n")?.column == 30)
        #expect(
            Self.error("rules:\n  - {name: a, stat: p95, op: '>', threshold: 1ms, for: 5}\n")?.message
                == "for: expected a duration with a unit such as 5m or 30s, not '5'")
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: RulesFileError.self) { try RulesFile.load(path: "/nonexistent/rules.yml") }
    }

    @Test func theDefaultRulesAreTheSeedsTargets() {
        let rules = DefaultRules.all
        #expect(
            rules.map(\.match.description) == [
                "api.*", "db.*", "llm.*", "page.*", "therapeutic.*", "*", "process.rss_bytes", "process.cpu_percent",
            ])
        #expect(rules.map(\.threshold) == [200, 100, 2000, 1000, 500, 0.05, 512 * 1_048_576, 80])
        #expect(rules.map(\.stat) == [.p95, .p95, .p95, .p95, .p95, .errorRate, .gaugeMax, .gaugeMean])
        #expect(rules.allSatisfy { $0.comparison == .greater })
        #expect(rules.map(\.forMicroseconds) == [nil, nil, nil, nil, nil, nil, nil, 600_000_000])
    }

    @Test func writtenRulesReadBackTheSame() throws {
        let rules = DefaultRules.all + (try RulesFile.parse(Self.alerts))
        let text = RulesFile.yaml(rules)
        let back = try RulesFile.parse(text)
        #expect(back.map(\.name) == rules.map(\.name))
        #expect(back.map(\.match.description) == rules.map(\.match.description))
        #expect(back.map(\.conditionText) == rules.map(\.conditionText))
        #expect(back.map(\.threshold) == rules.map(\.threshold))
        #expect(back.map(\.severity) == rules.map(\.severity))
        #expect(back.map(\.summary) == rules.map(\.summary))
        #expect(
            text.contains(
                "  - name: \"api-p95\"\n    match:\n      op: [\"api.*\"]\n    stat: p95\n    op: \">\"\n    threshold: 200ms\n"
            ))
        #expect(text.contains("    threshold: 5%\n"))
    }
}
