import PerfLog

/// Renders log lines for `perflog tail`: aligned fields for people, or the raw line made safe.
///
/// The human form is `time level logger op duration status msg [error=…]`, columns widening to
/// the widest value seen so far (within limits) until ``fixWidths()`` is called: from then on the
/// widths stay as they are, so a followed stream never shifts its columns (a longer value
/// overflows its column on its own line). Every value taken from the line is passed
/// through ``TerminalText/neutralize(_:)``, so control characters and escape sequences show as
/// visible text and a log line can never drive the terminal. Colours (ANSI SGR) mark the level
/// only, and only when ``color`` is on (the CLI turns it on when stdout is a terminal).
///
/// ```swift
/// var formatter = TailFormatter(color: false)
/// print(formatter.human(record))   // 2026-11-28 10:00:00.123 INFO     tta.api  api.GET /x  41.155ms 200 GET /x done
/// ```
package struct TailFormatter: Sendable {
    /// Use ANSI colours for the level.
    package var color: Bool
    private var loggerWidth = 0
    private var opWidth = 0
    private var widthsFixed = false
    /// Columns stop widening at these sizes (longer values overflow their column).
    static let maxLoggerWidth = 24
    static let maxOpWidth = 40
    /// Widths at least this wide once fixed, so that a stream that starts empty still lines up.
    static let minFixedLoggerWidth = 8
    static let minFixedOpWidth = 24

    /// A formatter; `color` adds ANSI colors to levels and outcomes.
    package init(color: Bool) { self.color = color }

    /// Stops the columns from widening: the widths seen so far (at least a few characters) stay.
    package mutating func fixWidths() {
        guard !widthsFixed else { return }
        loggerWidth = max(loggerWidth, TailFormatter.minFixedLoggerWidth)
        opWidth = max(opWidth, TailFormatter.minFixedOpWidth)
        widthsFixed = true
    }

    /// The human form of a scanned record (one line, no `\n`).
    package mutating func human(_ r: ScannedRecord) -> String {
        var out = ""
        out.reserveCapacity(160)
        if let ts = r.timestamp {
            // 2026-11-28T10:00:00.123456Z → 2026-11-28 10:00:00.123
            let s = ts.description
            out += s.prefix(10) + " " + s.dropFirst(11).prefix(12)
        } else {
            out += String(repeating: " ", count: 10) + " " + String(repeating: " ", count: 12)
        }
        out += " "
        let levelName = r.level.map { $0.name.uppercased() } ?? "-"
        let padded = levelName + String(repeating: " ", count: max(0, 8 - levelName.count))
        if color, let level = r.level {
            out += TailFormatter.sgr(level) + padded + "\u{1B}[0m"
        } else {
            out += padded
        }
        let logger = TerminalText.neutralize(r.logger?.string ?? "")
        if !widthsFixed { loggerWidth = min(TailFormatter.maxLoggerWidth, max(loggerWidth, logger.count)) }
        out += " " + TailFormatter.pad(logger, loggerWidth)
        let op = TerminalText.neutralize(r.op?.string ?? "")
        if !op.isEmpty || opWidth > 0 {
            if !widthsFixed { opWidth = min(TailFormatter.maxOpWidth, max(opWidth, op.count)) }
            out += "  " + TailFormatter.pad(op, opWidth)
        }
        if let d = r.durationMs {
            let text = TailFormatter.duration(d)
            out += " " + String(repeating: " ", count: max(0, 10 - text.count)) + text
        } else if opWidth > 0 {
            out += " " + String(repeating: " ", count: 10)
        }
        if let s = r.status {
            let text = String(s)
            out += " " + text + String(repeating: " ", count: max(0, 3 - text.count))
        }
        let msg = TerminalText.neutralize(r.msg?.string ?? "")
        if !msg.isEmpty { out += " " + msg }
        if r.event == .other, let values = TailFormatter.metricValues(r) {
            out += " " + values
        } else if r.isError {
            let e = TerminalText.neutralize(r.error?.string ?? "error")
            out += color ? " \u{1B}[31merror=\(e)\u{1B}[0m" : " error=\(e)"
        }
        return out
    }

    /// The numbers of a metric line or resource sample (`delta=20 total=30`), or `nil` for any
    /// other record.
    static func metricValues(_ r: ScannedRecord) -> String? {
        guard let ev = r.eventRaw, ev.kind == .string,
            MetricKind(event: ev.raw) != nil || ev.raw.elementsEqual("resource".utf8)
        else {
            return nil
        }
        var parts: [String] = []
        for key in TailFormatter.metricKeys {
            guard let v = JSONObjectWalker.member(of: r.line, named: StaticText.bytes(key)),
                v.kind == .number || v.kind == .null
            else {
                continue
            }
            parts.append("\(key)=" + TerminalText.neutralize(String(decoding: v.raw, as: UTF8.self)))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static let metricKeys: [StaticString] = [
        "delta", "total", "count", "sum", "last", "min", "max", "cpu_percent", "rss_bytes", "threads", "open_fds",
        "load1",
    ]

    /// A line that is not a JSON object, made safe to print.
    package func unreadable(_ line: UnsafeRawBufferPointer) -> String {
        TerminalText.neutralize(String(decoding: line, as: UTF8.self))
    }

    /// The raw line for `--json`, byte for byte, except that raw control bytes (which valid JSON
    /// never holds: its strings escape them) become `\u00XX`, and raw C1 controls (U+0080–U+009F)
    /// and bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which another
    /// writer may leave unescaped, become `\u00XX` / `\u20XX`: a valid line stays valid JSON with
    /// the same values, and a hostile one cannot drive or reorder the terminal.
    package static func raw(_ line: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        func escape(_ v: Int) { out += [0x5C, 0x75] + [12, 8, 4, 0].map { hex[(v >> $0) & 0xF] } }
        let n = line.count
        var i = 0
        while i < n {
            let b = line[i]
            if b < 0x20 || b == 0x7F {
                escape(Int(b))
                i += 1
            } else if b == 0xC2 && i + 1 < n && line[i + 1] >= 0x80 && line[i + 1] < 0xA0 {
                escape(Int(line[i + 1]))
                i += 2
            } else if b == 0xE2 && i + 2 < n
                && ((line[i + 1] == 0x80 && (0xAA...0xAE).contains(line[i + 2]))
                    || (line[i + 1] == 0x81 && (0xA6...0xA9).contains(line[i + 2])))
            {
                escape(0x2000 | (Int(line[i + 1] & 0x3F) << 6) | Int(line[i + 2] & 0x3F))
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    /// `41.155ms`, `1.250s`: milliseconds with three decimals below 10 s, seconds above.
    static func duration(_ ms: Double) -> String {
        if ms >= 10_000 {
            return fixed(ms / 1000, 2) + "s"
        }
        return fixed(ms, 3) + "ms"
    }

    /// `value` with `digits` decimals, without Foundation.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        guard value.isFinite, value < 9e15 / scale else { return String(value) }
        let n = Int64((abs(value) * scale).rounded())
        let s = Int64(scale)
        var frac = String(n % s)
        while frac.count < digits { frac = "0" + frac }
        return (value < 0 ? "-" : "") + String(n / s) + (digits > 0 ? "." + frac : "")
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func sgr(_ level: PerfLevel) -> String {
        switch level {
        case .trace, .debug: return "\u{1B}[2m"
        case .info: return "\u{1B}[32m"
        case .notice: return "\u{1B}[36m"
        case .warning: return "\u{1B}[33m"
        case .error: return "\u{1B}[31m"
        case .critical: return "\u{1B}[1;31m"
        }
    }
}
