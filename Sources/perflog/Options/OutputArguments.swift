import ArgumentParser
import PerfLogAnalysis

extension ReportFormat: ExpressibleByArgument {}

/// `--format`, shared by `analyze`, `slow` and `errors`.
struct OutputArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: table (aligned columns for people), json (the perflog.report/1 schema, docs/REPORT.md), csv, prometheus (text exposition 0.0.4 for a textfile collector or Pushgateway; durations in seconds; slow and errors print only their own metrics).",
            valueName: "table|json|csv|prometheus"))
    var format: ReportFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp("Metric name prefix of --format prometheus (the seed uses tta_).", valueName: "prefix"))
    var metricPrefix: String = PrometheusRenderer.defaultPrefix
}
