import ArgumentParser
import PerfLogAnalysis

/// `perflog analyze`: latency per group, slow queries and errors in one pass.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract:
            "Latency per operation (count, errors, mean, min, p50…p99.9, max), slow queries and errors, in one pass.",
        discussion: """
            Reads perflog's JSON lines (plain or gzip, files, directories, globs or stdin) and prints, per \
            group (by op unless --by says otherwise): count, errors, error rate, mean, min, p50, p90, p95, \
            p99, p99.9 and max; then the slowest query fingerprints and the error summary. Quantiles are \
            exact for a group (or window) of up to 1,024 durations; beyond that they come from an \
            HdrHistogram with three significant digits, within 0.05% of the exact value (plus half a \
            microsecond); count, mean, min and max are exact (docs/REPORT.md). Memory grows with the \
            number of groups and windows, never with the number of events.

            Examples:
              perflog analyze samples/
              perflog analyze /var/log/app/ --by op,status --every 5m
              perflog analyze app.log.gz --since 2h --where 'duration > 1.5s' --format json

            Exit status: 0 ok, 1 error, 3 the input was incomplete (malformed lines or a truncated \
            archive; the report is still printed and the problems listed on stderr).
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var grouping: GroupingArguments
    @OptionGroup var slow: SlowArguments
    @OptionGroup var filter: FilterArguments
    @OptionGroup var output: OutputArguments

    func run() throws {
        let spec = AnalysisSpec(
            groupBy: try grouping.groupBy(), everyMicroseconds: grouping.every?.microseconds,
            slowThresholdMilliseconds: slow.threshold.milliseconds, top: slow.top, sqlDialect: slow.dialect)
        try AnalysisRunner.run(kind: .analyze, spec: spec, input: input, filter: filter, output: output)
    }
}
