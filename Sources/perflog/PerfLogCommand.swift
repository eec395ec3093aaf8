import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `perflog` command line: one subcommand per file, each thin over the libraries.
@main
struct PerfLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perflog",
        abstract: "Structured performance logs for Swift services: write, compress, analyze.",
        discussion: """
            Exit codes: 0 success, 1 error (bad arguments, unreadable input), \
            2 a check or regression gate fired, 3 the input was incomplete (malformed lines or a \
            truncated archive; the report is still printed).
            """,
        version: "0.1.0",
        subcommands: [
            AnalyzeCommand.self, SlowCommand.self, ErrorsCommand.self, TailCommand.self,
            TopCommand.self, CheckCommand.self, DiffCommand.self, ReportCommand.self, TraceCommand.self,
            CompressCommand.self, DemoCommand.self,
        ]
    )
}

extension PerfLogCommand {
    /// Runs the command line. Every bad argument is reported here and exits 1 as the README
    /// promises: ArgumentParser's usage errors (its exit 64, with the usage) and the
    /// `ValidationError`s a command's `run()` throws (with a pointer to the command's help).
    static func main() {
        // A parent may have left SIGTERM or SIGINT ignored or blocked (both survive exec: Foundation's
        // Process spawns children with the spawning thread's blocked mask, and supervisors may
        // ignore signals). `perflog tail -f` and `perflog demo` must still stop when asked, so the
        // default actions are restored and the two signals unblocked before any thread starts.
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        if let unknown = unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
            AnalysisRunner.writeStderr("Error: \(unknown)\nSee 'perflog --help' for the commands.\n")
            Self.exit(withError: ExitStatus.error.exitCode)
        }
        do {
            var command = try parseAsRoot()
            do {
                try command.run()
            } catch let error as ValidationError {
                // A bad argument found while running (an input, a rules file, an option pair): the
                // message and where to read about the command, without the usage a parse error shows.
                AnalysisRunner.writeStderr(
                    "Error: \(error.message)\nSee 'perflog \(type(of: command)._commandName) --help'.\n")
                Self.exit(withError: ExitStatus.error.exitCode)
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                AnalysisRunner.writeStderr(fullMessage(for: error) + "\n")
                Self.exit(withError: ExitStatus.error.exitCode)
            }
            Self.exit(withError: error)
        }
    }

    /// For `perflog help NAME…`: a message naming the first NAME that is not a command (the
    /// built-in help would print the top-level help and exit 0), or nil.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help", let name = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            return nil
        }
        let subcommands = PerfLogCommand.configuration.subcommands
        if subcommands.contains(where: { $0._commandName == name }) { return nil }
        let shown = subcommands.map { $0._commandName }
        return "no such command: '\(name)' (commands: \(shown.joined(separator: ", ")))"
    }
}
