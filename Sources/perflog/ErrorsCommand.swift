import ArgumentParser
import PerfLogAnalysis

/// `perflog errors`: error rates overall, per group and per window.
struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "Errors and error rates overall and per group, HTTP 4xx/5xx rates, and the top error types.",
        discussion: """
            Counts perf events whose outcome is an error, overall and per group (by op unless --by says \
            otherwise), the HTTP 4xx and 5xx rates by status class, and the most frequent error types \
            (the error field). With --every, per time window.

            Examples:
              perflog errors samples/
              perflog errors logs/ --every 5m
              perflog errors logs/ --by op,status --since 2026-11-28T10:00:00Z --format json
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var grouping: GroupingArguments
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many error types to list.", valueName: "n"))
    var top: Int = 20
    @OptionGroup var filter: FilterArguments
    @OptionGroup var output: OutputArguments

    mutating func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1 (got \(top))") }
    }

    func run() throws {
        let spec = AnalysisSpec(
            groupBy: try grouping.groupBy(), everyMicroseconds: grouping.every?.microseconds, top: top)
        try AnalysisRunner.run(kind: .errors, spec: spec, input: input, filter: filter, output: output)
    }
}
