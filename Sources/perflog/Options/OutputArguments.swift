import ArgumentParser
import PerfLogAnalysis

extension ReportFormat: ExpressibleByArgument {}

/// `--format`, shared by `analyze`, `slow` and `errors`.
struct OutputArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: table (aligned columns for people), json (the perflog.report/1 schema, docs/REPORT.md), csv.",
            valueName: "table|json|csv"))
    var format: ReportFormat = .table
}
