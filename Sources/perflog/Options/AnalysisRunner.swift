import ArgumentParser
import PerfLog
import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `analyze`, `slow` and `errors` share: resolve the inputs, run the one analysis engine,
/// print the chosen sections, report problems on stderr and pick the exit status.
enum AnalysisRunner {
    static func run(
        kind: ReportKind, spec: AnalysisSpec, input: InputArguments, filter: FilterArguments, output: OutputArguments
    ) throws {
        var spec = spec
        spec.filter = try filter.makeFilter()
        spec.watchedFields = watchedFields(spec)
        let result = try analyze(spec: spec, input: input)
        writeStdout(output.format.render(result, kind: kind, metricPrefix: output.metricPrefix))
        reportProblems(result)
        if result.isIncomplete { throw ExitStatus.incomplete.exitCode }
    }

    /// The fields to warn about when no record holds them: `--by` (unless it is the default `op`)
    /// and those `--where` reads.
    static func watchedFields(_ spec: AnalysisSpec) -> [WatchedField] {
        let by = spec.groupBy == [FieldPath("op")] ? [] : spec.groupBy.map { WatchedField(option: "--by", path: $0) }
        return by + (spec.filter.`where`?.fieldPaths ?? []).map { WatchedField(option: "--where", path: $0) }
    }

    /// Resolves the inputs and runs the engine.
    static func analyze(spec: AnalysisSpec, input: InputArguments) throws -> AnalysisResult {
        let sources = try WorkflowRunner.sources(input.paths)
        let options = InputOptions(
            threads: input.workerThreads, maxLineBytes: input.maxLineBytes, timeWindow: spec.filter.timeWindow,
            progress: SystemInfo.stderrIsTerminal)
        return AnalysisEngine.run(sources: sources, spec: spec, options: options)
    }

    /// Summarises malformed lines and input problems on stderr.
    static func reportProblems(_ r: AnalysisResult) {
        var text = ""
        if r.input.malformed > 0 {
            text += "perflog: \(r.input.malformed) malformed \(r.input.malformed == 1 ? "line" : "lines") skipped"
            text += r.input.malformedExamples.isEmpty ? "\n" : "; first:\n"
            for e in r.input.malformedExamples { text += "  " + TerminalText.neutralize(e.description) + "\n" }
        }
        if r.input.outOfRangeDurations > 0 {
            let n = r.input.outOfRangeDurations
            text +=
                "perflog: \(n) \(n == 1 ? "duration" : "durations") over 9e12 ms (about 285 years) left out of the latency statistics\n"
        }
        for p in r.problems { text += "perflog: " + TerminalText.neutralize(p) + "\n" }
        for u in r.unseenFields { text += "perflog: warning: " + TerminalText.neutralize(u.description) + "\n" }
        if r.isIncomplete {
            text += "perflog: the input was incomplete (exit status 3); the report covers what could be read\n"
        }
        if !text.isEmpty { writeStderr(text) }
    }

    static func writeStdout(_ s: String) { write(1, s) }
    static func writeStderr(_ s: String) { write(2, s) }

    private static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { _ = SystemFile.writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}
