import ArgumentParser
import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perflog tail`: the last lines of logs, then (with `-f`) every new line as it is written.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the last lines of logs, then follow them as they are written (-f).",
        discussion: """
            PATH is a log file (plain or gzip, recognised by its magic bytes), a log directory (its \
            active *.log file, the one perflog's writer appends to), a glob, or - for standard input \
            (plain or gzip). Without PATH, standard input is read.

            With -f, every new line is printed within a second of being written, across rotations \
            (the file renamed to a segment and a new one created) and truncation in place, with no \
            line lost or repeated. A gzip archive is never appended to, so -f refuses one: without \
            -f its last lines are printed, decompressed.

            Several paths (or a glob matching several files) are shown as tail(1) shows them: one \
            after the other in the order given (a glob's matches in name order), each under a \
            "==> path <==" header; with -f a header is printed again whenever the lines switch to \
            another file. With --json there are no headers, so the output stays one JSON line per line.

            Lines are shown as aligned fields: time, level, logger, op, duration, status, message \
            (and the error of a failed operation), the level coloured when standard output is a \
            terminal. The column widths are set by the first lines shown and then stay fixed, so \
            they do not shift while following (a longer value overflows its column on its own \
            line). Control characters and escape sequences inside field values are shown as \
            visible escapes, so a log line can never drive your terminal. --json prints the lines \
            as written (raw control bytes, which valid JSON never holds, are escaped as \\u00XX).

            The filters select which lines are printed; -n counts printed lines. A line longer \
            than --max-line-bytes is skipped and reported on stderr with its file and line number.

            Exit status: 0 ok, 1 error, 3 a line was skipped or an archive was truncated or corrupt \
            (what could be read is still printed).

            Examples:
              perflog tail logs/                       the last 10 lines of the active file
              perflog tail -f logs/ --level warning    follow warnings and worse
              perflog tail -f logs/app.log --op 'db.*' --where 'duration > 100ms'
              perflog tail -n 50 'logs/*.log.gz'       each segment's last 50 lines
              zcat old.log.gz | perflog tail -n 20 -
            """)

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(
        help: ArgumentHelp(
            "Log files (plain or gzip), directories (their active *.log file), globs, or - for standard input.",
            valueName: "paths"))
    var paths: [String] = []

    @Flag(name: .shortAndLong, help: "Keep following the plain files as they grow (across rotations).")
    var follow = false

    @Option(
        name: .customShort("n"), parsing: .unconditional,
        help: ArgumentHelp("How many of the last lines to print first, per file.", valueName: "N"))
    var lines: Int = 10

    @Flag(help: "Print the raw JSON lines instead of aligned fields.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Colours: auto (when standard output is a terminal), always, never.", valueName: "auto|always|never"))
    var color: ColorMode = .auto

    @OptionGroup var filter: FilterArguments

    @Option(help: .hidden)
    var pollMilliseconds: Int = 150

    @Option(
        help: ArgumentHelp(
            "Longest line shown, in bytes; longer lines are skipped and reported on stderr.", valueName: "bytes"))
    var maxLineBytes: Int = 4 << 20

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("-n must be 0 or more (got \(lines))") }
        guard lines <= TailSession.Options.maxLines else {
            throw ValidationError("-n must be at most \(TailSession.Options.maxLines) (got \(lines))")
        }
        guard pollMilliseconds >= 1 && pollMilliseconds <= 60_000 else {
            throw ValidationError("--poll-milliseconds must be between 1 and 60000 (got \(pollMilliseconds))")
        }
        guard maxLineBytes >= 64 && maxLineBytes <= 1 << 30 else {
            throw ValidationError("--max-line-bytes must be between 64 and \(1 << 30) (got \(maxLineBytes))")
        }
    }

    func run() throws {
        try tail()
    }

    func tail() throws {
        if paths.isEmpty && isatty(0) != 0 {
            throw ValidationError("give a log file or directory to tail (or pipe lines into standard input)")
        }
        let printer = TailPrinter(
            filter: try filter.makeFilter(), json: json,
            color: color == .always || (color == .auto && isatty(1) != 0))
        let targets: [TailTarget]
        do { targets = try TailTarget.resolve(paths) } catch { throw ValidationError(error.message) }
        let session: TailSession
        do {
            session = try TailSession(
                targets: targets,
                options: .init(
                    lines: lines, follow: follow, pollMilliseconds: pollMilliseconds, maxLineBytes: maxLineBytes),
                printer: printer,
                diagnostics: { AnalysisRunner.writeStderr("perflog tail: \($0)\n") })
        } catch {
            throw ValidationError(error.message)
        }
        let complete = session.run()
        if !complete { throw ExitStatus.incomplete.exitCode }
    }
}
