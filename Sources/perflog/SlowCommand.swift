import ArgumentParser
import PerfLogAnalysis

/// `perflog slow`: slow queries grouped by fingerprint.
struct SlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slow",
        abstract: "Slow queries grouped by fingerprint, ordered by total time.",
        discussion: """
            Takes every slow_query record, and every perf record that carries a query, at or over the \
            threshold; fingerprints each query again on read (literals become ?, so raw SQL from other \
            sources groups correctly and no literal is ever printed) and lists per fingerprint: total \
            time, count, mean, p95, max, first and last seen, and the ops that ran it.

            Examples:
              perflog slow samples/
              perflog slow logs/ --threshold 250ms --top 10
              perflog slow app.log.gz --since 1d --format csv > slow.csv
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var slow: SlowArguments
    @OptionGroup var filter: FilterArguments
    @OptionGroup var output: OutputArguments

    func run() throws {
        try AnalysisRunner.main(command: "slow") {
            let spec = AnalysisSpec(
                slowThresholdMilliseconds: slow.threshold.milliseconds, top: slow.top, sqlDialect: slow.dialect)
            try AnalysisRunner.run(kind: .slow, spec: spec, input: input, filter: filter, output: output)
        }
    }
}
