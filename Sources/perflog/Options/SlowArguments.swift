import ArgumentParser
import PerfLog
import PerfLogAnalysis

extension SQLDialect: ExpressibleByArgument {}

/// `--threshold`, `--top` and `--dialect`: the slow-query section of `analyze`, `slow` and `report`.
struct SlowArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Slow-query threshold: records at or over it are listed (250ms, 1.5s; a bare number is milliseconds).", valueName: "duration"))
    var threshold: String = "100ms"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many query fingerprints and error types to list.", valueName: "n"))
    var top: Int = 20

    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQL dialect of the queries, for the rules where dialects differ (backslashes in strings, #, nested comments, $tag$ strings, \"identifiers\"). generic replaces everything from the first such doubt to the end of the query with ?.",
            valueName: "generic|mysql|postgresql|sqlite"))
    var dialect: SQLDialect = .generic

    func thresholdMilliseconds() throws -> Double {
        do {
            let ms = try DurationSpec.parseMilliseconds(threshold, argument: "--threshold")
            guard ms >= 0, ms.isFinite else { throw ValidationError("--threshold: expected a duration such as 100ms or 1.5s (got '\(threshold)')") }
            return ms
        } catch let error as FilterArgumentError {
            throw ValidationError(error.description)
        }
    }

    mutating func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1 (got \(top))") }
    }
}
