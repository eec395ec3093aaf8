import ArgumentParser
@_spi(Internals) import PerfLog
@_spi(Internals) import PerfLogAnalysis

/// `perflog trace`: the span tree of one trace, read offline from the logs.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print the span tree of one trace from the logs (no collector, no server).",
        discussion: """
            Finds the perf events written by PerfLogTracing whose meta.trace_id is TRACE_ID and prints \
            them as a tree: each span under its parent (meta.parent_span_id), siblings by start time, \
            with its offset from the root's start, its duration, its status and its op; an error adds \
            its type. Other lines carrying the id (plain log lines logged inside a span) are counted. \
            Exits 1 when no span of the trace is found, 3 when some input could not be read.

            Examples:
              perflog trace 4bf92f3577b34da6a3ce929d0e0e4736 logs/
              perflog trace "$(perflog tail logs/ --where 'status = 500' --format json | jq -r .meta.trace_id | head -1)" logs/
            """)

    @Argument(help: ArgumentHelp("The trace id: 32 lowercase hex digits (meta.trace_id).", valueName: "trace-id"))
    var traceID: String

    @OptionGroup var input: InputArguments

    mutating func validate() throws {
        guard traceID.utf8.count == 32,
            traceID.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw ValidationError("TRACE_ID \(TerminalText.neutralize(traceID)) is not 32 lowercase hex digits")
        }
    }

    func run() throws {
        let sources = try WorkflowRunner.sources(input.paths)
        let paths = input.paths.isEmpty ? ["-"] : input.paths
        let options = InputOptions(
            threads: input.workerThreads, maxLineBytes: input.maxLineBytes, timeWindow: nil,
            progress: SystemInfo.stderrIsTerminal)
        let id = traceID
        let (collectors, summary) = InputReader(sources: sources, options: options).run { _ in
            TraceCollector(traceID: id)
        }
        let tree = TraceTree(spans: collectors.flatMap(\.spans))
        let other = collectors.reduce(0) { $0 + $1.otherLines }
        let malformed = collectors.reduce(0) { $0 + $1.malformedLines + $1.oversizedLines }
        var problems = ""
        if malformed > 0 {
            problems +=
                "perflog: \(malformed) malformed \(malformed == 1 ? "line" : "lines") containing the trace id skipped\n"
        }
        for p in summary.problems { problems += "perflog: " + TerminalText.neutralize(p.description) + "\n" }
        guard !tree.rows.isEmpty else {
            AnalysisRunner.writeStderr(
                problems + "perflog: trace \(traceID): no span found in \(paths.joined(separator: " "))\n")
            throw ExitStatus.error.exitCode
        }
        AnalysisRunner.writeStdout(TraceTreeRenderer.render(traceID: traceID, tree: tree, otherLines: other))
        if !problems.isEmpty { AnalysisRunner.writeStderr(problems) }
        if summary.isIncomplete || malformed > 0 { throw ExitStatus.incomplete.exitCode }
    }
}
