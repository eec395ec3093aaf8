import ArgumentParser
import PerfLog
import PerfLogAnalysis

/// The filters every reading command shares: time window, level, event, op glob, `--where`.
struct FilterArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only records at or after TIME: RFC 3339 (2026-11-28T10:00:00Z), a date, or relative (15m, 2h, 1d ago).",
            valueName: "time"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only records before TIME (same forms as --since).", valueName: "time"))
    var until: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only records at this level or above: trace, debug, info, notice, warning, error, critical.",
            valueName: "level"))
    var level: String?

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Only records whose event is NAME (perf, slow_query, none for plain lines); repeat or separate with commas.",
            valueName: "name"))
    var event: [String] = []

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Only records whose op matches GLOB (db.*, api.GET *); repeat or separate with commas.", valueName: "glob"))
    var op: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Only records for which EXPR holds: comparisons (= != < <= > >=, ~ glob/regex) on any field incl. meta.x, and/or/not, parentheses, durations with units. Example: 'duration > 1.5s and meta.region = \"eu\"'.",
            valueName: "expr"))
    var whereExpression: String?

    /// The filter these arguments describe, relative times counted back from `now`.
    func makeFilter(now: Timestamp = .now()) throws -> RecordFilter {
        var filter = RecordFilter()
        do {
            if let since { filter.since = try TimeSpec.parse(since, now: now, argument: "--since") }
            if let until { filter.until = try TimeSpec.parse(until, now: now, argument: "--until") }
        } catch {
            throw ValidationError(error.description)
        }
        if let level {
            guard let l = PerfLevel(name: level) else {
                throw ValidationError(
                    "--level: unknown level '\(level)' (expected trace, debug, info, notice, warning, error or critical)"
                )
            }
            filter.minLevel = l
        }
        filter.events = event.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        filter.opGlobs = op.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        if let whereExpression {
            do {
                filter.where = try WhereExpression(parsing: whereExpression)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return filter
    }
}
