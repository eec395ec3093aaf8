import ArgumentParser
import PerfLog
import PerfLogAnalysis

/// What `check`, `diff` and `report` share: resolve inputs and run several lanes of the one
/// analysis engine in one pass; load rules. Check lanes and their evaluation are
/// ``RuleEvaluator/checkLanes(_:base:)`` and ``RuleEvaluator/evaluateCheck(_:results:)``.
enum WorkflowRunner {
    /// Resolves `paths` (standard input when empty and piped); a file reached twice is read once,
    /// and stderr says so.
    static func sources(_ paths: [String]) throws -> [InputSource] {
        guard
            let paths = InputResolver.argumentsOrStandardInput(
                paths, standardInputIsTerminal: SystemInfo.stdinIsTerminal)
        else {
            throw ValidationError(
                "no input: give files, directories or globs (or - for standard input), or pipe lines in")
        }
        do {
            var duplicates: [DuplicateInput] = []
            let sources = try InputResolver.resolve(paths, duplicates: &duplicates)
            for d in duplicates {
                AnalysisRunner.writeStderr("perflog: " + TerminalText.neutralize(d.description) + "\n")
            }
            return sources
        } catch {
            AnalysisRunner.writeStderr("\(error)\n")
            throw ExitStatus.error.exitCode
        }
    }

    /// Runs `lanes` over `sources` in one pass.
    static func run(lanes: [AnalysisLane], sources: [InputSource], input: InputArguments, filter: RecordFilter)
        -> [AnalysisResult]
    {
        run(
            lanes: lanes, sources: sources, threads: input.workerThreads, maxLineBytes: input.maxLineBytes,
            filter: filter)
    }

    /// Runs `lanes` over `sources` in one pass with explicit reader settings.
    static func run(
        lanes: [AnalysisLane], sources: [InputSource], threads: Int, maxLineBytes: Int, filter: RecordFilter
    ) -> [AnalysisResult] {
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
}
