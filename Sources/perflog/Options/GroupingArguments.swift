import ArgumentParser
import Foundation
import PerfLogAnalysis

/// `--by` and `--every`: how `analyze` and `errors` split their statistics.
struct GroupingArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fields to group by, comma-separated: op (default), logger, status, level, error, meta.user_id, …",
            valueName: "fields"))
    var by: String = "op"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Split the statistics into time windows of this length (30s, 5m, 1h, 1d), aligned to UTC.",
            valueName: "interval"),
        transform: IntervalArgument.init(parsing:))
    var every: IntervalArgument?

    /// The parsed `--by` field paths (commas inside a quoted key do not separate).
    func groupBy() throws -> [FieldPath] {
        try GroupingArguments.fieldPaths(by)
    }

    /// `--by`'s text as field paths.
    static func fieldPaths(_ by: String) throws -> [FieldPath] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for ch in by {
            if escaped {
                escaped = false
            } else if inQuotes && ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                inQuotes.toggle()
            } else if ch == "," && !inQuotes {
                parts.append(current)
                current = ""
                continue
            }
            current.append(ch)
        }
        parts.append(current)
        let paths = parts.map { FieldPath(validating: $0.trimmingCharacters(in: .whitespaces)) }
        guard paths.allSatisfy({ $0 != nil }) else {
            throw ValidationError(
                "--by: expected field paths separated by commas, e.g. op,status, meta.user_id or meta.\"http.route\" (got '\(by)')"
            )
        }
        return paths.map { $0! }
    }
}
