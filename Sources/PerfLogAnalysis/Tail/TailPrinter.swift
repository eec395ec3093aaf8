#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Filters, formats and writes the lines of `perflog tail` (one thread).
///
/// Lines are queued in a buffer and written to ``output`` by ``flush()``. The human form comes
/// from ``TailFormatter``; `json` prints each line as written (see ``TailFormatter/raw(_:into:)``).
///
/// ```swift
/// let printer = TailPrinter(filter: RecordFilter(), json: false, color: false)
/// printer.print(lineBytes)
/// _ = printer.flush()
/// ```
package final class TailPrinter {
    /// The lines to print (lines that are not JSON objects pass only an empty filter).
    package let filter: RecordFilter
    /// Print the raw lines instead of aligned fields.
    package let json: Bool
    /// The file descriptor written to (standard output by default).
    package let output: Int32
    var formatter: TailFormatter
    var scanner = LineScanner()
    var record = ScannedRecord()
    var out: [UInt8] = []

    /// A printer of the records `filter` keeps, as JSON lines or aligned fields (`color`: ANSI colors), to file
    /// descriptor `output`.
    package init(filter: RecordFilter, json: Bool, color: Bool, output: Int32 = 1) {
        self.filter = filter
        self.json = json
        self.output = output
        formatter = TailFormatter(color: color)
    }

    /// Whether the filter keeps the line (lines that are not JSON objects are kept only when
    /// there is no filter at all).
    package func keeps(_ line: UnsafeRawBufferPointer) -> Bool {
        switch scanner.scan(line, into: &record) {
        case .record: return filter.isPassThrough || filter.matches(record)
        case .blank: return false
        case .malformed: return filter.isPassThrough
        }
    }

    /// Widens the columns to fit `lines`, then fixes the widths, so that the first batch comes
    /// out aligned and later lines keep the same columns.
    package func align(_ lines: [[UInt8]]) {
        guard !json else { return }
        for l in lines {
            l.withUnsafeBytes { b in
                if case .record = scanner.scan(b, into: &record) { _ = formatter.human(record) }
            }
        }
        formatter.fixWidths()
    }

    /// Queues `line` (without its `\n`) for output if the filter keeps it.
    package func print(_ line: UnsafeRawBufferPointer) {
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
        if out.count > 1 << 16 { _ = flush() }
    }

    /// Queues a `==> path <==` header, as `tail` does between files (blank line before all but
    /// the first). Nothing in `json` mode, whose output stays one JSON line per line.
    package func header(_ path: String, first: Bool) {
        guard !json else { return }
        out += Array(((first ? "" : "\n") + "==> " + TerminalText.neutralize(path) + " <==\n").utf8)
    }

    /// Writes what is queued.
    ///
    /// - Returns: false when the output is gone (a closed pipe, e.g. `| head`).
    @discardableResult
    package func flush() -> Bool {
        var at = 0
        var ok = true
        while at < out.count {
            let n = out.withUnsafeBytes { write(output, $0.baseAddress! + at, $0.count - at) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                ok = false
                break
            }
            at += n
        }
        out.removeAll(keepingCapacity: true)
        return ok
    }

    /// The last `count` lines of a followed file that the filter keeps, reading further back as
    /// needed (up to a million lines back).
    package func lastMatching(_ follower: Follower, count: Int) throws(InputError) -> [[UInt8]] {
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
}
