import ArgumentParser
import PerfLog
import PerfLogAnalysis

/// What `check`, `diff` and `report` share: resolve inputs and run several lanes of the one
/// analysis engine in one pass; load rules.
enum WorkflowRunner {
    /// Resolves `paths` (standard input when empty and piped); a file reached twice is read once,
    /// and stderr says so.
    static func sources(_ paths: [String]) throws -> [InputSource] {
        var paths = paths
        if paths.isEmpty {
            if SystemInfo.stdinIsTerminal {
                throw ValidationError("no input: give files, directories or globs (or - for standard input), or pipe lines in")
            }
            paths = ["-"]
        }
        do {
            var duplicates: [DuplicateInput] = []
            let sources = try InputResolver.resolve(paths, duplicates: &duplicates)
            for d in duplicates { AnalysisRunner.writeStderr("perflog: " + TerminalText.neutralize(d.description) + "\n") }
            return sources
        } catch {
            AnalysisRunner.writeStderr("\(error)\n")
            throw ExitStatus.error.exitCode
        }
    }

    /// Runs `lanes` over `sources` in one pass.
    static func run(lanes: [AnalysisLane], sources: [InputSource], input: InputArguments, filter: RecordFilter) -> [AnalysisResult] {
        run(lanes: lanes, sources: sources, threads: input.workerThreads, maxLineBytes: input.maxLineBytes, filter: filter)
    }

    /// Runs `lanes` over `sources` in one pass with explicit reader settings.
    static func run(lanes: [AnalysisLane], sources: [InputSource], threads: Int, maxLineBytes: Int, filter: RecordFilter) -> [AnalysisResult] {
        let options = InputOptions(
            threads: threads, maxLineBytes: maxLineBytes, timeWindow: filter.timeWindow,
            progress: SystemInfo.stderrIsTerminal)
        return AnalysisEngine.run(sources: sources, lanes: lanes, filter: filter, options: options)
    }

    /// The rules in `path`, or the built-in defaults when `nil`; a bad file is reported on
    /// stderr (`file:line:column: message`) with exit status 1.
    static func rules(_ path: String?) throws -> [SLORule] {
        guard let path else { return DefaultRules.all }
        do {
            return try RulesFile.load(path: path)
        } catch {
            AnalysisRunner.writeStderr("perflog: \(error.description)\n")
            throw ExitStatus.error.exitCode
        }
    }

    /// The lanes of a check: a base lane first (input accounting, data span; by default one group
    /// and no slow-query work, as `check` needs nothing more), then one per rule.
    static func checkLanes(
        _ rules: [SLORule], base: AnalysisSpec = AnalysisSpec(groupBy: [], slowThresholdMilliseconds: AnalysisSpec.noSlowQueries, top: 1)
    ) -> [AnalysisLane] {
        [AnalysisLane(spec: base)] + RuleEvaluator.lanes(for: rules)
    }

    /// Evaluates `rules` from the results of ``checkLanes(_:base:)`` (the first is the base lane).
    static func evaluate(_ rules: [SLORule], results: [AnalysisResult]) -> [RuleResult] {
        RuleEvaluator.evaluate(rules, laneResults: Array(results.dropFirst()), span: span(results[0].input))
    }

    /// First to last timestamp of what was read.
    static func span(_ input: InputStats) -> ClosedRange<Timestamp>? {
        guard let f = input.from, let t = input.to else { return nil }
        return f...t
    }
}
