import ArgumentParser
import PerfLogAnalysis

/// The output formats of `check` and `diff`.
enum WorkflowFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `perflog check`: evaluates SLO and alert rules over the logs; exit status 2 when one fires.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate SLO and alert rules over the logs; exit status 2 when a rule fires (for CI and cron).",
        discussion: """
            Without --rules the built-in rules are the platform's targets (95th percentile): api.* < 200 ms, \
            db.* < 100 ms, llm.* < 2000 ms, page.* < 1000 ms, therapeutic.* < 500 ms, and an error rate \
            under 5% over every op. A rules file (YAML, docs/CHECK.md) gives each rule a name, a match (op \
            glob or --where expression), a stat (p50 p90 p95 p99 p999 mean max error_rate rate_per_min), \
            the op and threshold that FIRE it (p95 > 200ms), an optional `for` (the condition must hold in \
            every window of that length across the data), a severity and a summary.

            Every rule is listed with its value and state: ok, FIRED, or no-data (no matching events; \
            never fires). All rules are evaluated in one pass over the input.

            Examples:
              perflog check logs/
              perflog check logs/ --since 15m --rules alerts.yml
              perflog check app.log.gz --format json

            Exit status: 0 no rule fired, 1 error (bad arguments, a bad rules file, unreadable input), \
            2 a rule fired (this wins over 3), 3 nothing fired but the input was incomplete.
            """)

    @OptionGroup var input: InputArguments
    @Option(
        name: .long,
        help: ArgumentHelp("YAML rules file (docs/CHECK.md); default: the built-in targets.", valueName: "file"))
    var rules: String?
    @Option(name: .long, help: ArgumentHelp("Output format: table or json (perflog.check/1).", valueName: "table|json"))
    var format: WorkflowFormat = .table
    @Flag(
        name: .long,
        help: "Print the rules (the built-in ones, or --rules) as a rules file and exit: a starting point for your own."
    )
    var printRules = false
    @OptionGroup var filter: FilterArguments

    func run() throws {
        let ruleList = try WorkflowRunner.rules(rules)
        if printRules {
            AnalysisRunner.writeStdout(RulesFile.yaml(ruleList))
            return
        }
        let recordFilter = try filter.makeFilter()
        let sources = try WorkflowRunner.sources(input.paths)
        let results = WorkflowRunner.run(
            lanes: RuleEvaluator.checkLanes(ruleList), sources: sources, input: input, filter: recordFilter)
        let evaluated = RuleEvaluator.evaluateCheck(ruleList, results: results)
        let outcome = rules == nil ? DefaultRules.applicable(evaluated) : evaluated
        switch format {
        case .table: AnalysisRunner.writeStdout(CheckReportRenderer.table(outcome, input: results[0].input))
        case .json: AnalysisRunner.writeStdout(CheckReportRenderer.json(outcome, input: results[0].input))
        }
        AnalysisRunner.reportProblems(results[0])
        if outcome.contains(where: { $0.state == .fired }) { throw ExitStatus.fired.exitCode }
        if results[0].isIncomplete { throw ExitStatus.incomplete.exitCode }
    }
}
