import ArgumentParser
import Foundation
import PerfLog
import PerfLogAnalysis

/// `perflog diff`: compares two runs per op; exit status 2 when one regressed beyond the gate.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare two runs per op (count, p50, p95, p99, error rate); exit status 2 when one regressed beyond the gate.",
        discussion: """
            BASE and CURRENT are each logs (a file, directory or glob, plain or gzip) or a report saved \
            with `perflog analyze --format json` (recognised by its "schema": "perflog.report/1"). \
            Logs are analysed per op (or per --by fields) with the filters given; a saved report is used \
            as it is (it must not have --every windows).

            A group REGRESSED when it has at least --min-count events on both sides and its p95 or p99 \
            grew by more than --fail-above, or its error rate grew by more than --fail-above relative AND \
            by at least --min-error-rate-delta absolute. p50 is shown but not gated; groups on one side \
            only are marked new or gone.

            Examples:
              perflog analyze logs/last-week/ --format json > base.json
              perflog diff base.json logs/this-week/
              perflog diff before.log.gz after.log.gz --fail-above 5% --format json

            Exit status: 0 no regression, 1 error, 2 a group regressed (this wins over 3), 3 no \
            regression but an input was incomplete.
            """)

    @Argument(help: ArgumentHelp("The baseline: logs, or a saved perflog.report/1 JSON report.", valueName: "base"))
    var base: String
    @Argument(
        help: ArgumentHelp("The run to judge: logs, or a saved perflog.report/1 JSON report.", valueName: "current"))
    var current: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Largest accepted increase of p95, p99 or error rate, in percent (10% or 10).", valueName: "percent"))
    var failAbove: String = "10%"
    @Option(name: .long, help: ArgumentHelp("Fewest events a group needs on both sides to be judged.", valueName: "n"))
    var minCount: Int64 = 30
    @Option(
        name: .long,
        help: ArgumentHelp("Smallest absolute error-rate rise that counts, in percentage points.", valueName: "points"))
    var minErrorRateDelta: Double = 1
    @Option(name: .long, help: ArgumentHelp("Fields to group logs by (default op).", valueName: "fields"))
    var by: String = "op"
    @Option(name: .long, help: ArgumentHelp("Output format: table or json (perflog.diff/1).", valueName: "table|json"))
    var format: WorkflowFormat = .table
    @Option(name: .long, help: "Worker threads (default: the number of cores, at most 8).")
    var threads: Int?
    @OptionGroup var filter: FilterArguments

    /// The gate as a fraction.
    func gate() throws -> DiffGate {
        var t = failAbove.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t.removeLast() }
        guard let v = Double(t), v.isFinite, v >= 0 else {
            throw ValidationError("--fail-above: expected a percentage such as 10% (got '\(failAbove)')")
        }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1 (got \(minCount))") }
        guard minErrorRateDelta >= 0, minErrorRateDelta <= 100 else {
            throw ValidationError("--min-error-rate-delta must be between 0 and 100 percentage points")
        }
        return DiffGate(failAbove: v / 100, minCount: minCount, minErrorRateDelta: minErrorRateDelta / 100)
    }

    func run() throws {
        let g = try gate()
        let groupBy = try GroupingArguments.fieldPaths(by)
        let recordFilter = try filter.makeFilter()
        let baseSide = try side(base, groupBy: groupBy, filter: recordFilter)
        let currentSide = try side(current, groupBy: groupBy, filter: recordFilter)
        if baseSide.fields != currentSide.fields {
            AnalysisRunner.writeStderr(
                "perflog: the two sides are grouped differently (\(baseSide.fields.joined(separator: ",")) vs \(currentSide.fields.joined(separator: ",")))\n"
            )
            throw ExitStatus.error.exitCode
        }
        let diff = ReportDiff(base: baseSide, current: currentSide, gate: g)
        AnalysisRunner.writeStdout(format == .json ? DiffRenderer.json(diff) : DiffRenderer.table(diff))
        if diff.regressed { throw ExitStatus.fired.exitCode }
        if diff.isIncomplete {
            AnalysisRunner.writeStderr("perflog: an input was incomplete (exit status 3)\n")
            throw ExitStatus.incomplete.exitCode
        }
    }

    /// One side: a saved report, or an analysis of logs.
    func side(_ path: String, groupBy: [FieldPath], filter: RecordFilter) throws -> DiffSide {
        do {
            if let saved = try DiffSide.savedReport(atPath: path) { return saved }
        } catch {
            AnalysisRunner.writeStderr("perflog: \(error.description)\n")
            throw ExitStatus.error.exitCode
        }
        let sources = try WorkflowRunner.sources([path])
        let spec = AnalysisSpec(groupBy: groupBy, slowThresholdMilliseconds: AnalysisSpec.noSlowQueries, top: 1)
        let threads = threads ?? min(8, max(1, SystemInfo.activeProcessorCount))
        let result = WorkflowRunner.run(
            lanes: [AnalysisLane(spec: spec)], sources: sources, threads: threads, maxLineBytes: 4 << 20, filter: filter
        )[0]
        AnalysisRunner.reportProblems(result)
        return DiffSide(result: result)
    }
}
