import ArgumentParser
import PerfLog
import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perflog top`: a live table of the slowest and failing operations of a running service.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Live view of a running service: latency and errors per operation over a sliding window.",
        discussion: """
            PATH is a log directory (its active *.log file is followed), the active file itself, or - \
            for standard input; several may be given. top starts with what the files already hold for \
            the last window (and the one before it, for the trend), then follows them as they are \
            written, across rotation and truncation.

            Every --interval it redraws one row per op (or per --by fields) over the last --window: \
            requests per second, error rate, 4xx and 5xx counts, p50, p95, p99, max, and the trend of \
            the p95 against the previous window. Rows where a rule fires (the built-in targets of \
            'perflog check', or --rules FILE; a rule's 'for' is replaced by the window) start with ! \
            and are red. The header shows events per second, malformed lines, the inputs and the \
            window's slowest query.

            Keys: p sort by p95, r by rate, e by error rate, n by name; / filters the rows by a glob \
            (Enter applies, an empty one clears, Esc cancels); space pauses the screen (reading goes \
            on); q quits. Ctrl-C, SIGTERM and SIGHUP quit too; the terminal is always restored.

            Without a terminal on standard output, or with --batch N, it prints plain snapshots one \
            after another (N of them), the first at once. Colours only on a terminal, never with \
            NO_COLOR set. Quantiles come from log-linear buckets, within 0.4% of 'perflog analyze'.

            Examples:
              perflog top logs/
              perflog top logs/ --window 5m --by op,status --where 'meta.region = "eu"'
              perflog top logs/app.log --batch 1                one plain snapshot, then exit
              perflog top samples/ --now 2026-11-28T10:25:00Z --batch 1   replay an older log
            """)

    @Argument(
        help: ArgumentHelp("Log directories, active log files, globs, or - for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(
        help: ArgumentHelp("The sliding window: 30s, 1m (default), 5m, 1h.", valueName: "interval"),
        transform: IntervalArgument.init(parsing:))
    var window = IntervalArgument(microseconds: 60_000_000, text: "1m")

    @Option(
        help: ArgumentHelp("Time between redraws: 1s (default), 500ms, 5s.", valueName: "interval"),
        transform: IntervalArgument.init(parsing:))
    var interval = IntervalArgument(microseconds: 1_000_000, text: "1s")

    @Option(
        help: ArgumentHelp(
            "Fields that make a row, comma-separated: op (default), op,status, meta.region, …", valueName: "fields"))
    var by: String = "op"

    @Option(help: ArgumentHelp("The first sort column: p95 (default), rate, errors, name.", valueName: "column"))
    var sort: TopView.Sort = .p95

    @Option(
        name: .long,
        help: ArgumentHelp(
            "YAML rules file (docs/CHECK.md) whose firing rules highlight rows; default: the built-in targets.",
            valueName: "file"))
    var rules: String?

    @Option(help: ArgumentHelp("Print N plain snapshots, one per interval, then exit.", valueName: "N"))
    var batch: Int?

    @Option(
        help: ArgumentHelp(
            "End the window at TIME instead of the clock's time, to replay an older log (RFC 3339).", valueName: "time")
    )
    var now: String?

    @Option(
        help: ArgumentHelp(
            "Colours: auto (on a terminal, without NO_COLOR), always, never.", valueName: "auto|always|never"))
    var color: TailCommand.ColorMode = .auto

    @Option(
        help: ArgumentHelp(
            "The most rows kept; the events of further rows are counted in one row '(other rows)'.", valueName: "N"))
    var maxRows: Int = 1000

    @Option(
        name: .long,
        help: ArgumentHelp("Longest line accepted, in bytes; longer lines are skipped.", valueName: "bytes"))
    var maxLineBytes: Int = 4 << 20

    @OptionGroup var filter: FilterArguments

    @Option(help: .hidden)
    var pollMilliseconds: Int = 100

    func validate() throws {
        if let b = batch, b < 1 { throw ValidationError("--batch must be 1 or more (got \(b))") }
        guard (1...1_000_000).contains(maxRows) else {
            throw ValidationError("--max-rows must be between 1 and 1000000 (got \(maxRows))")
        }
        guard (64...(1 << 30)).contains(maxLineBytes) else {
            throw ValidationError("--max-line-bytes must be between 64 and 1073741824 (got \(maxLineBytes))")
        }
        guard (1...10_000).contains(pollMilliseconds) else {
            throw ValidationError("--poll-milliseconds must be between 1 and 10000")
        }
        if filter.since != nil || filter.until != nil {
            throw ValidationError(
                "top shows a sliding window: use --window (and --now to replay an older log), not --since or --until")
        }
    }

    func run() throws {
        try top()
    }

    private func top() throws {
        let windowUs = try interval(window, "--window", min: 1_000_000, max: 7 * 86_400_000_000)
        let intervalUs = try interval(interval, "--interval", min: 10_000, max: 3_600_000_000)
        let groupBy = try GroupingArguments.fieldPaths(by)
        let clock: @Sendable () -> Timestamp
        if let now {
            let fixed: Timestamp
            do { fixed = try TimeSpec.parse(now, now: .now(), argument: "--now") } catch {
                throw ValidationError(error.description)
            }
            clock = { fixed }
        } else {
            clock = { .now() }
        }
        var files: [String] = []
        var stdin = false
        guard
            let paths = InputResolver.argumentsOrStandardInput(
                self.paths, standardInputIsTerminal: SystemInfo.stdinIsTerminal)
        else {
            throw ValidationError("give a log directory, an active log file, or - for standard input")
        }
        let targets: [TailTarget]
        do { targets = try TailTarget.resolve(paths) } catch { throw ValidationError(error.description) }
        for t in targets {
            switch t.kind {
            case .standardInput: stdin = true
            case .plain: files.append(t.path)
            case .archive:
                throw ValidationError(
                    "\(t.path) is a gzip archive, which is never appended to: top follows live logs (use 'perflog analyze' for archives)"
                )
            }
        }
        let configuration = TopConfiguration(
            windowMicroseconds: windowUs, groupBy: groupBy, filter: try filter.makeFilter(),
            rules: try WorkflowRunner.rules(rules), maxRows: maxRows)
        let session = TopSession(
            aggregator: TopAggregator(configuration), files: files, readsStandardInput: stdin,
            view: TopView(sort: sort),
            intervalMilliseconds: Int(intervalUs / 1000), pollMilliseconds: pollMilliseconds,
            maxLineBytes: maxLineBytes,
            clock: clock)
        do { try session.start() } catch { throw ValidationError(error.description) }
        let mode: TopSession.Mode
        if let batch {
            mode = .snapshots(count: batch)
        } else if isatty(1) != 0 {
            let keys = stdin || isatty(0) == 0 ? open("/dev/tty", O_RDONLY | O_CLOEXEC) : 0
            let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            mode = .screen(keys: keys, color: color == .always || (color == .auto && !noColor))
        } else {
            mode = .snapshots(count: nil)
        }
        session.run(mode: mode)
        if session.oversizedLines > 0 {
            AnalysisRunner.writeStderr(
                "perflog: \(session.oversizedLines) lines over --max-line-bytes (\(maxLineBytes)) skipped\n")
        }
    }

    private func interval(_ value: IntervalArgument, _ name: String, min: Int64, max: Int64) throws -> Int64 {
        let us = value.microseconds
        guard us >= min, us <= max else {
            throw ValidationError(
                "\(name) must be between \(SLORule.intervalText(min)) and \(SLORule.intervalText(max)) (got '\(value.text)')"
            )
        }
        return us
    }
}

extension TopView.Sort: ExpressibleByArgument {}
