#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perflog tail`: prints the last lines of each target, then (with ``Options/follow``) every
/// line appended to the plain ones, across rotations.
///
/// Several targets are shown as `tail` shows several files: one after the other in the order
/// given, each under a `==> path <==` header; when following, a header is printed again
/// whenever the lines switch to another file. A gzip archive is read through from its start
/// (it cannot be read backwards) keeping its last lines in memory; it is never followed. The
/// standard input is read to its end, or with `-f` printed as it comes.
///
/// A line longer than ``Options/maxLineBytes`` is skipped and reported on ``diagnostics`` with
/// its file and line number, as `perflog analyze` reports it; so are truncated or corrupt
/// archives.
///
/// ```swift
/// let session = TailSession(targets: try TailTarget.resolve(["logs/"]), options: .init(), printer: printer)
/// let complete = try session.run()
/// ```
package final class TailSession {
    /// How much to print and how to read.
    package struct Options: Sendable {
        /// How many of the last kept lines of each target to print first (at most ``maxLines``).
        package var lines: Int
        /// Keep printing what is appended to the plain targets.
        package var follow: Bool
        /// Milliseconds between polls of followed files.
        package var pollMilliseconds: Int
        /// Longer lines (bytes, without the `\n`) are skipped and reported.
        package var maxLineBytes: Int

        /// The most lines ``lines`` may ask for: they are held in memory before they are printed.
        package static let maxLines = 10_000_000

        /// Options; the defaults are `perflog tail`'s.
        package init(lines: Int = 10, follow: Bool = false, pollMilliseconds: Int = 150, maxLineBytes: Int = 4 << 20) {
            self.lines = min(max(0, lines), Options.maxLines)
            self.follow = follow
            self.pollMilliseconds = max(1, pollMilliseconds)
            self.maxLineBytes = max(1, maxLineBytes)
        }
    }

    /// What is read, in order.
    package let targets: [TailTarget]
    /// How many lines, whether to follow, how often to poll.
    package let options: Options
    /// Where the lines go.
    package let printer: TailPrinter
    /// Receives the messages about skipped lines and damaged inputs (one line each, no `\n`).
    package let diagnostics: (String) -> Void
    private var complete = true
    private var current = -1

    /// - Throws: ``TailError`` when `-f` is asked of an archive, or of the standard input
    ///   together with other targets.
    package init(
        targets: [TailTarget], options: Options, printer: TailPrinter, diagnostics: @escaping (String) -> Void
    ) throws(TailError) {
        if options.follow {
            if let archive = targets.first(where: { $0.kind == .archive }) {
                throw TailError(
                    .followArchive,
                    "cannot follow \(archive.path): it is a gzip archive, which is never appended to; "
                        + "leave out -f to print its last lines, or follow the active .log file")
            }
            if targets.count > 1 && targets.contains(where: { $0.kind == .standardInput }) {
                throw TailError(
                    .standardInput, "-f with - follows the standard input alone; give - without other paths")
            }
        }
        self.targets = targets
        self.options = options
        self.printer = printer
        self.diagnostics = diagnostics
    }

    /// Prints the last lines of every target, then follows until `shouldStop` returns true
    /// (checked before each poll) or the output is closed.
    ///
    /// - Returns: true when everything was read; false when a line was skipped or an input was
    ///   damaged (the CLI's exit status 3).
    package func run(shouldStop: () -> Bool = { false }) -> Bool {
        var followers: [(index: Int, follower: Follower)] = []
        var batches: [(index: Int, lines: [[UInt8]])] = []
        for (i, t) in targets.enumerated() {
            switch t.kind {
            case .plain:
                let f = follower(t, index: i)
                do { batches.append((i, try printer.lastMatching(f, count: options.lines))) } catch {
                    // Gone or unreadable since it was resolved: said, and followed in case it comes back.
                    complete = false
                    diagnostics("cannot read \(t.path)" + (error.detail.map { ": " + $0 } ?? ""))
                }
                followers.append((i, f))
            case .archive:
                batches.append((i, readThrough(t, index: i)))
            case .standardInput:
                if options.follow {
                    // Alone (see init): printed as it comes, to its end.
                    printer.align([])
                    _ = readThrough(t, index: i, printing: true)
                    return complete
                }
                batches.append((i, readThrough(t, index: i)))
            }
        }
        printer.align(batches.flatMap(\.lines))
        for (i, lines) in batches {
            showHeader(i)
            for l in lines { l.withUnsafeBytes { printer.print($0) } }
        }
        guard printer.flush() else { return complete }
        guard options.follow else { return complete }
        while !shouldStop() {
            for (i, f) in followers {
                f.poll { line in
                    showHeader(i)
                    printer.print(line)
                }
            }
            guard printer.flush() else { return complete }
            usleep(useconds_t(options.pollMilliseconds * 1000))
        }
        return complete
    }

    /// Prints the header of target `i` if there are several targets and the last lines came from another.
    private func showHeader(_ i: Int) {
        guard targets.count > 1, current != i else { return }
        printer.header(targets[i].path, first: current < 0)
        current = i
    }

    private func follower(_ t: TailTarget, index: Int) -> Follower {
        let f = Follower(path: t.path, pollInterval: options.pollMilliseconds, maxLineBytes: options.maxLineBytes)
        var reported = Set<UInt64>()
        f.onOversized = { [unowned f, unowned self] offset, length in
            // Reading further back for a filter meets the same line again: say it once.
            guard reported.insert(offset).inserted else { return }
            self.skipped(t.path, line: f.lineNumber(atByteOffset: offset), byteOffset: offset, length: length)
        }
        return f
    }

    private func skipped(_ path: String, line: Int?, byteOffset: UInt64, length: UInt64) {
        complete = false
        let m = MalformedLine(
            sourceIndex: 0, source: path, line: line, byteOffset: byteOffset,
            reason: "line of \(length) bytes is longer than the cap (--max-line-bytes \(options.maxLineBytes)); skipped"
        )
        diagnostics(TerminalText.neutralize(m.description))
    }

    /// Reads an archive or the standard input from its start through ``InputReader`` (one
    /// thread, in order): keeps the last kept lines, or prints each line as it comes.
    private func readThrough(_ t: TailTarget, index: Int, printing: Bool = false) -> [[UInt8]] {
        let count = options.lines
        let printer = self.printer
        var options = InputOptions(threads: 1, maxLineBytes: self.options.maxLineBytes)
        options.deliversEachRead = printing
        let source: InputSource = t.kind == .standardInput ? .stdin : .file(t.path)
        // Without a filter only the last lines of each chunk are looked at; with one, every line.
        let mode: TailLineConsumer.Mode =
            printing
            ? .each { printer.print($0) }
            : printer.filter.isPassThrough ? .last(count) : .lastKept(count) { printer.keeps($0) }
        let (consumers, summary) = InputReader(sources: [source], options: options).run { _ in
            TailLineConsumer(mode: mode, chunkEnd: { if printing { _ = printer.flush() } }) { line, offset, length in
                self.skipped(t.path, line: line, byteOffset: offset, length: length)
            }
        }
        for p in summary.problems {
            complete = false
            diagnostics(TerminalText.neutralize(p.description))
        }
        return consumers[0].lastLines
    }
}

/// Receives the lines of one source read by one thread, in order, numbering them itself: prints
/// each line, or keeps the last lines (all of them, or those a filter keeps).
final class TailLineConsumer: ChunkConsumer {
    enum Mode {
        /// Hand every line to the closure.
        case each((UnsafeRawBufferPointer) -> Void)
        /// Keep the last `n` lines.
        case last(Int)
        /// Keep the last `n` lines for which the closure returns true.
        case lastKept(Int, (UnsafeRawBufferPointer) -> Bool)
    }

    let mode: Mode
    let chunkEnd: () -> Void
    let oversized: (_ line: Int, _ byteOffset: UInt64, _ length: UInt64) -> Void
    private var lines = 0
    private var ring: [[UInt8]] = []

    init(
        mode: Mode, chunkEnd: @escaping () -> Void,
        oversized: @escaping (_ line: Int, _ byteOffset: UInt64, _ length: UInt64) -> Void
    ) {
        self.mode = mode
        self.chunkEnd = chunkEnd
        self.oversized = oversized
    }

    /// The lines kept, oldest first.
    var lastLines: [[UInt8]] {
        switch mode {
        case .each: return []
        case .last(let n), .lastKept(let n, _): return Array(ring.suffix(n))
        }
    }

    func consume(_ chunk: LineChunk) -> Int {
        guard let base = chunk.bytes.baseAddress else { return 0 }
        let size = chunk.bytes.count
        var n = 0
        switch mode {
        case .last(let keep):
            // Count the lines, then copy only the last `keep` of them.
            var at = 0
            while at < size, let p = ByteSearch.firstNewline(base + at, size - at) {
                at += p + 1
                n += 1
            }
            guard keep > 0 else { break }
            var newest: [[UInt8]] = []
            var end = size - 1  // each line ends in a `\n`: this one ends the last line
            while newest.count < keep && end >= 0 {
                let start = ByteSearch.lastNewline(base, end).map { $0 + 1 } ?? 0
                if end > start { newest.append(Array(UnsafeRawBufferPointer(start: base + start, count: end - start))) }
                end = start - 1
            }
            ring.append(contentsOf: newest.reversed())
            if ring.count > 2 * keep + 64 { ring.removeFirst(ring.count - keep) }
        case .lastKept(let keep, let keeps):
            var at = 0
            while at < size, let p = ByteSearch.firstNewline(base + at, size - at) {
                let line = UnsafeRawBufferPointer(start: base + at, count: p)
                if keep > 0 && keeps(line) {
                    ring.append(Array(line))
                    if ring.count > 2 * keep + 64 { ring.removeFirst(ring.count - keep) }
                }
                at += p + 1
                n += 1
            }
        case .each(let body):
            var at = 0
            while at < size, let p = ByteSearch.firstNewline(base + at, size - at) {
                body(UnsafeRawBufferPointer(start: base + at, count: p))
                at += p + 1
                n += 1
            }
        }
        lines += n
        chunkEnd()
        return n
    }

    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        lines += 1
        oversized(lines, byteOffset, length)
    }
}
