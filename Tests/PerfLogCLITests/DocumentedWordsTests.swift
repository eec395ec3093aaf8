import Foundation
import Testing

/// What the help texts and documents say is what perflog does: per-command output formats,
/// quantile accuracy, the report's window range, the diff gate, the CHECK.md example, the
/// Prometheus output of `slow` and `errors`, and the README's dependency lines.
@Suite struct DocumentedWordsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func document(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func quantileAccuracyIsStatedTheSameEverywhere() throws {
        let help = try PerfLogBinary.run(["analyze", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        #expect(help.contains("exact for a group (or window) of up to 1,024 durations"))
        #expect(help.contains("within 0.05% of the exact value"))
        for doc in ["docs/CHECK.md", "docs/REPORT.md"] {
            let text = try Self.document(doc).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("1,024"), "\(doc)")
            #expect(text.contains("within 0.05% of the"), "\(doc)")
            #expect(!text.contains("within 0.1%"), "\(doc)")
        }
    }

    @Test func helpTextsStateTheReportWindowsAndTheWholeDiffGate() throws {
        let report = try PerfLogBinary.run(["report", "--help"]).stdout
        #expect(report.contains("1s … 7d"))
        #expect(!report.contains("1s … 1d"))
        let diff = try PerfLogBinary.run(["diff", "samples/", "samples/"], directory: Self.root)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("and by at least 1.00 percentage points (--min-error-rate-delta)"))
    }

    @Test func theReadmeStatesEachCommandsOutputFormats() throws {
        let readme = try Self.document("README.md")
        #expect(!readme.contains("and the output formats `--format table|json|csv`"))
        #expect(readme.contains("| `analyze`, `slow`, `errors` | `--format table\\|json\\|csv\\|prometheus`"))
        #expect(readme.contains("| `check`, `diff` | `--format table\\|json` |"))
        for command in ["check", "diff"] {
            #expect(try PerfLogBinary.run([command, "--help"]).stdout.contains("table|json"))
        }
        #expect(try !PerfLogBinary.run(["tail", "--help"]).stdout.contains("--format"))
        #expect(try PerfLogBinary.run(["slow", "--help"]).stdout.contains("table|json|csv|prometheus"))
    }

    @Test func theReadmeDependencyLinesNameAPathAndTheProduct() throws {
        let readme = try Self.document("README.md")
        #expect(!readme.contains(#"from: "0.1.0""#))
        #expect(readme.contains(#".package(path: "../perflog")"#))
        #expect(readme.contains(#".product(name: "PerfLog", package: "perflog")"#))
        // The product and the package name the snippet uses are the manifest's.
        let manifest = try Self.document("Package.swift")
        #expect(manifest.contains(#"name: "perflog""#))
        #expect(manifest.contains(#".library(name: "PerfLog", targets: ["PerfLog"])"#))
    }

    @Test func theCheckExampleGivesASensibleErrorRateOnTheSamples() throws {
        let doc = try Self.document("docs/CHECK.md")
        let start = try #require(doc.range(of: "```yaml\n# alerts.yml\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("alerts.yml")
        try String(doc[start.upperBound..<end.lowerBound]).write(to: rules, atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(
            ["check", "samples/", "--rules", rules.path, "--format", "json"], directory: Self.root)
        #expect(r.status == 0 || r.status == 2, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rule = try #require(
            (report["rules"] as? [[String: Any]])?.first { $0["name"] as? String == "HighErrorRate" })
        let value = try #require(rule["value"] as? Double)
        #expect(value > 0 && value < 0.05, "HighErrorRate on samples/: \(value)")
        #expect(rule["state"] as? String == "ok")
    }

    @Test func slowAndErrorsPrintOnlyTheirOwnPrometheusMetrics() throws {
        func metrics(_ command: String) throws -> Set<String> {
            let r = try PerfLogBinary.run([command, "samples/", "--format", "prometheus"], directory: Self.root)
            #expect(r.status == 0, "\(r.stderr)")
            return Set(
                r.stdout.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map {
                    String($0.split(separator: " ")[2])
                })
        }
        let input: Set = ["perflog_input_lines_total", "perflog_input_malformed_lines_total"]
        let slow: Set = ["perflog_slow_queries_total", "perflog_slow_query_fingerprint_total"]
        let errors: Set = ["perflog_events_total", "perflog_errors_total", "perflog_http_responses_total"]
        #expect(try metrics("slow") == slow.union(input))
        #expect(try metrics("errors") == errors.union(input))
        #expect(try metrics("analyze") == slow.union(errors).union(input).union(["perflog_duration_seconds"]))
    }
}
