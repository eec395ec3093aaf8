import ArgumentParser
import PerfLog
import PerfLogAnalysis

extension SQLDialect: ExpressibleByArgument {}

/// `--threshold`, `--top` and `--dialect`: the slow-query section of `analyze`, `slow` and `report`.
struct SlowArguments: ParsableArguments {
    // ArgumentParser shows no default for an option with a transform, so the help text names it.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Slow-query threshold: records at or over it are listed (250ms, 1.5s; a bare number is milliseconds). (default: 100ms)",
            valueName: "duration"),
        transform: DurationArgument.init(parsing:))
    var threshold: DurationArgument = DurationArgument(milliseconds: 100, text: "100ms")

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("How many query fingerprints and error types to list.", valueName: "n"))
    var top: Int = 20

    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQL dialect of the queries, for the rules where dialects differ (backslashes in strings, #, nested comments, $tag$ strings, \"identifiers\"). generic replaces everything from the first such doubt to the end of the query with ?.",
            valueName: "generic|mysql|postgresql|sqlite"))
    var dialect: SQLDialect = .generic

    mutating func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1 (got \(top))") }
    }
}
