import ArgumentParser
import PerfLogAnalysis

/// `--by` and `--every`: how `analyze` and `errors` split their statistics.
struct GroupingArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fields to group by, comma-separated: op (default), logger, status, level, error, meta.user_id, …",
            valueName: "fields"))
    var by: String = "op"

    @Option(name: .long, help: ArgumentHelp("Split the statistics into time windows of this length (30s, 5m, 1h, 1d), aligned to UTC.", valueName: "interval"))
    var every: String?

    /// The parsed `--by` field paths.
    func groupBy() throws -> [FieldPath] {
        try GroupingArguments.fieldPaths(by)
    }

    /// `--by`'s text as field paths.
    static func fieldPaths(_ by: String) throws -> [FieldPath] {
        let parts = by.split(separator: ",", omittingEmptySubsequences: false).map { String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.hasSuffix(".") && !$0.contains("..") }) else {
            throw ValidationError("--by: expected field paths separated by commas, e.g. op,status or meta.user_id (got '\(by)')")
        }
        return parts.map(FieldPath.init)
    }

    /// The parsed `--every`, in microseconds.
    func everyMicroseconds() throws -> Int64? {
        guard let every else { return nil }
        do {
            let us = try DurationSpec.parseInterval(every, argument: "--every")
            guard us > 0 else { throw ValidationError("--every: the interval must be longer than zero (got '\(every)')") }
            return us
        } catch let error as FilterArgumentError {
            throw ValidationError(error.description)
        }
    }
}
