import ArgumentParser
import Foundation
import PerfLog
import PerfLogAnalysis

/// `perflog report --html OUT`: one self-contained HTML report with SVG charts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write one self-contained HTML report (SVG charts, no scripts, no network): latency over time, histograms, errors, slow queries, the SLO check.",
        discussion: """
            The report shows: the SLO table of `perflog check` (built-in targets or --rules), latency per \
            op, p50/p95/p99 over time for the busiest ops, the error rate (and HTTP 4xx/5xx rates) over \
            time, a latency histogram per op, the slow-query table and the top errors. Every string from \
            the logs is HTML-escaped.

            The chart window is --every, or chosen from the data span (at most 60 windows: 1s … 7d). \
            Without --every the input is read twice (once to find the span); standard input then needs \
            --every.

            Examples:
              perflog report logs/ --html report.html
              perflog report app.log.gz --since 6h --every 10m --rules alerts.yml --html /tmp/perf.html

            Exit status: 0 written, 1 error, 3 the input was incomplete (the report is still written). \
            A fired rule shows in the report but does not change the exit status (use `perflog check`).
            """)

    @OptionGroup var input: InputArguments
    @Option(name: .long, help: ArgumentHelp("Where to write the HTML file.", valueName: "file"))
    var html: String
    @Option(
        name: .long,
        help: ArgumentHelp("Chart window (30s, 5m, 1h); default: chosen from the data span.", valueName: "interval"),
        transform: IntervalArgument.init(parsing:))
    var every: IntervalArgument?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "YAML rules file for the SLO table (docs/CHECK.md); default: the built-in targets.", valueName: "file"))
    var rules: String?
    @Option(name: .long, help: ArgumentHelp("How many of the busiest ops get a chart over time.", valueName: "n"))
    var busiest: Int = 6
    @Option(name: .long, help: ArgumentHelp("The page title.", valueName: "text"))
    var title: String = "perflog report"
    @OptionGroup var slow: SlowArguments
    @OptionGroup var filter: FilterArguments

    mutating func validate() throws {
        if busiest < 0 || busiest > 100 {
            throw ValidationError("--busiest must be between 0 and 100 (got \(busiest))")
        }
    }

    func run() throws {
        let ruleList = try WorkflowRunner.rules(rules)
        let recordFilter = try filter.makeFilter()
        let every = self.every?.microseconds
        let sources = try WorkflowRunner.sources(input.paths)
        if every == nil && sources.contains(where: { if case .stdin = $0.kind { return true } else { return false } }) {
            throw ValidationError(
                "reading standard input, the report needs --every (the input cannot be read twice to find its span)")
        }
        let base = AnalysisSpec(
            groupBy: [FieldPath("op")], everyMicroseconds: every,
            slowThresholdMilliseconds: slow.threshold.milliseconds, top: slow.top, sqlDialect: slow.dialect)
        let results = WorkflowRunner.run(
            lanes: RuleEvaluator.checkLanes(ruleList, base: base), sources: sources, input: input, filter: recordFilter)
        let evaluated = RuleEvaluator.evaluateCheck(ruleList, results: results)
        let outcome = rules == nil ? DefaultRules.applicable(evaluated) : evaluated
        let main = results[0]
        let window: Int64
        let series: AnalysisResult
        if let every {
            window = every
            series = main
        } else {
            let span = main.input.span.map { $0.upperBound.microseconds - $0.lowerBound.microseconds } ?? 0
            window = HTMLReportRenderer.autoWindow(spanMicroseconds: span)
            let spec = AnalysisSpec(
                groupBy: [FieldPath("op")], everyMicroseconds: window,
                slowThresholdMilliseconds: AnalysisSpec.noSlowQueries, top: 1)
            series =
                WorkflowRunner.run(
                    lanes: [AnalysisLane(spec: spec)], sources: sources, input: input, filter: recordFilter)[0]
        }
        let page = HTMLReportRenderer.render(
            .init(
                title: title, result: main, series: series, everyMicroseconds: window, rules: outcome,
                busiestOps: busiest))
        do {
            try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
        } catch {
            AnalysisRunner.writeStderr("perflog: cannot write \(html): \(error.localizedDescription)\n")
            throw ExitStatus.error.exitCode
        }
        AnalysisRunner.writeStderr("perflog: wrote \(html) (\(UnitFormat.bytes(UInt64(page.utf8.count))))\n")
        AnalysisRunner.reportProblems(main)
        if main.isIncomplete { throw ExitStatus.incomplete.exitCode }
    }
}
