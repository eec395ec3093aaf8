import ArgumentParser
import PerfLog
import PerfLogAnalysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `perflog tail`: the last lines of a log, then (with `-f`) every new line as it is written.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the last lines of a log, then follow it as it is written (-f).",
        discussion: """
            PATH is a log file or a log directory; for a directory, its active *.log file (the one \
            perflog's writer appends to) is followed. Without PATH, standard input is read.

            With -f, every new line is printed within a second of being written, across rotations \
            (the file renamed to a segment and a new one created) and truncation in place, with no \
            line lost or repeated.

            Lines are shown as aligned fields: time, level, logger, op, duration, status, message \
            (and the error of a failed operation), the level coloured when standard output is a \
            terminal. Control characters and escape sequences inside field values are shown as \
            visible escapes, so a log line can never drive your terminal. --json prints the lines \
            as written (raw control bytes, which valid JSON never holds, are escaped as \\u00XX).

            The filters select which lines are printed; -n counts printed lines.

            Examples:
              perflog tail logs/                       the last 10 lines of the active file
              perflog tail -f logs/ --level warning    follow warnings and worse
              perflog tail -f logs/app.log --op 'db.*' --where 'duration > 100ms'
            """)

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: ArgumentHelp("A log file, or a directory whose active *.log file is followed.", valueName: "path"))
    var path: String?

    @Flag(name: .shortAndLong, help: "Keep following the file as it grows (across rotations).")
    var follow = false

    @Option(name: .customShort("n"), help: ArgumentHelp("How many of the last lines to print first.", valueName: "N"))
    var lines: Int = 10

    @Flag(help: "Print the raw JSON lines instead of aligned fields.")
    var json = false

    @Option(help: ArgumentHelp("Colours: auto (when standard output is a terminal), always, never.", valueName: "auto|always|never"))
    var color: ColorMode = .auto

    @OptionGroup var filter: FilterArguments

    @Option(help: .hidden)
    var pollMilliseconds: Int = 150

    @Option(help: .hidden)
    var maxLineBytes: Int = 4 << 20

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("-n must be 0 or more (got \(lines))") }
        guard pollMilliseconds >= 1 else { throw ValidationError("--poll-milliseconds must be at least 1") }
    }

    func run() throws {
        try AnalysisRunner.main(command: "tail") { try tail() }
    }

    func tail() throws {
        var printer = LinePrinter(
            filter: try filter.makeFilter(), json: json,
            color: color == .always || (color == .auto && isatty(1) != 0))
        guard let path else {
            guard isatty(0) == 0 else {
                throw ValidationError("give a log file or directory to tail (or pipe lines into standard input)")
            }
            try printer.tailStandardInput(last: lines, follow: follow)
            return
        }
        let file = try TailCommand.activeFile(path)
        let follower = Follower(path: file, pollInterval: pollMilliseconds, maxLineBytes: maxLineBytes)
        let last: [[UInt8]]
        do { last = try printer.lastMatching(follower, count: lines) } catch { throw ValidationError(error.description) }
        printer.align(last)
        for l in last { l.withUnsafeBytes { printer.print($0) } }
        printer.flush()
        guard follow else { return }
        follower.follow(shouldStop: { false }) { line in printer.print(line) } flushing: { printer.flush() }
    }

    /// The file to follow: `path` itself, or a directory's active `*.log` (not a rotated segment).
    static func activeFile(_ path: String) throws -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ValidationError("no such file: \(path)") }
        guard st.st_mode & S_IFMT == S_IFDIR else { return path }
        guard let d = opendir(path) else { throw ValidationError("cannot read: \(path)") }
        defer { closedir(d) }
        var active: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".log") && !name.hasPrefix(".") && !isSegmentName(name) { active.append(name) }
        }
        let dir = path.hasSuffix("/") ? path : path + "/"
        switch active.count {
        case 1: return dir + active[0]
        case 0: throw ValidationError("no active *.log file in \(path); name the file to tail")
        default: throw ValidationError("several active log files in \(path) (\(active.sorted().joined(separator: ", "))); name the one to tail")
        }
    }

    /// `<name>-2026-11-28T10-00-00.123Z….log`: a rotated segment, not an active file.
    static func isSegmentName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        func digits(_ i: Int, _ n: Int) -> Bool { i + n <= b.count && b[i..<(i + n)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        for i in b.indices where b[i] == 0x2D {  // "-YYYY-MM-DDT"
            if digits(i + 1, 4), i + 11 < b.count, b[i + 5] == 0x2D, digits(i + 6, 2), b[i + 8] == 0x2D, digits(i + 9, 2), b[i + 11] == 0x54 {
                return true
            }
        }
        return false
    }
}

/// Filters, formats and writes lines for `tail` (one thread).
struct LinePrinter {
    let filter: RecordFilter
    let json: Bool
    var formatter: TailFormatter
    var scanner = LineScanner()
    var record = ScannedRecord()
    var out: [UInt8] = []

    init(filter: RecordFilter, json: Bool, color: Bool) {
        self.filter = filter
        self.json = json
        formatter = TailFormatter(color: color)
    }

    /// Whether the filter keeps the line (lines that are not JSON objects are kept only when
    /// there is no filter at all).
    mutating func keeps(_ line: UnsafeRawBufferPointer) -> Bool {
        switch scanner.scan(line, into: &record) {
        case .record: return filter.isPassThrough || filter.matches(record)
        case .blank: return false
        case .malformed: return filter.isPassThrough
        }
    }

    /// Widens the columns to fit `lines` before they are printed, so a batch comes out aligned.
    mutating func align(_ lines: [[UInt8]]) {
        guard !json else { return }
        for l in lines {
            l.withUnsafeBytes { b in
                if case .record = scanner.scan(b, into: &record) { _ = formatter.human(record) }
            }
        }
    }

    /// Queues `line` for output if the filter keeps it.
    mutating func print(_ line: UnsafeRawBufferPointer) {
        let outcome = scanner.scan(line, into: &record)
        switch outcome {
        case .blank: return
        case .record: if !filter.isPassThrough && !filter.matches(record) { return }
        case .malformed: if !filter.isPassThrough { return }
        }
        if json {
            TailFormatter.raw(line, into: &out)
        } else if case .record = outcome {
            out += Array(formatter.human(record).utf8)
        } else {
            out += Array(formatter.unreadable(line).utf8)
        }
        out.append(0x0A)
        if out.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        var at = 0
        while at < out.count {
            let n = out.withUnsafeBytes { write(1, $0.baseAddress! + at, $0.count - at) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { exit(0) }  // the reader went away (e.g. `| head`)
            at += n
        }
        out.removeAll(keepingCapacity: true)
    }

    /// The last `count` lines the filter keeps, reading further back as needed (up to a limit).
    mutating func lastMatching(_ follower: Follower, count: Int) throws(InputError) -> [[UInt8]] {
        guard count > 0 else {
            _ = try follower.lastLines(0)
            return []
        }
        var k = count
        while true {
            let lines = try follower.lastLines(k)
            let kept = filter.isPassThrough ? lines : lines.filter { l in l.withUnsafeBytes { keeps($0) } }
            if kept.count >= count || lines.count < k || k >= 1 << 20 { return Array(kept.suffix(count)) }
            k *= 8
        }
    }

    /// Standard input: the last `count` kept lines at its end, or every kept line as it comes with `follow`.
    mutating func tailStandardInput(last count: Int, follow: Bool) throws {
        var ring: [[UInt8]] = []
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        func take(_ line: UnsafeRawBufferPointer, _ p: inout LinePrinter) {
            if follow {
                p.print(line)
            } else if count > 0 && p.keeps(line) {
                ring.append(Array(line))
                if ring.count > count { ring.removeFirst(ring.count - count) }
            }
        }
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            buffer.withUnsafeBytes { b in
                for i in 0..<n where b[i] == 0x0A {
                    if pending.isEmpty {
                        take(UnsafeRawBufferPointer(rebasing: b[start..<i]), &self)
                    } else {
                        pending += b[start..<i]
                        pending.withUnsafeBytes { take($0, &self) }
                        pending.removeAll()
                    }
                    start = i + 1
                }
                pending += b[start..<n]
            }
            if follow { flush() }
        }
        if !pending.isEmpty { pending.withUnsafeBytes { take($0, &self) } }
        align(ring)
        for l in ring { l.withUnsafeBytes { print($0) } }
        flush()
    }
}
