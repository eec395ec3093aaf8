import PerfLog

/// Draws a ``TopSnapshot`` as lines of text: a header (window, events per second, malformed
/// lines, the inputs, the slowest query), one row per group, and the rules that fire.
///
/// Columns: `req/s` (events per second over the window), `err%` (outcome errors), `4xx` and
/// `5xx` (counts), `p50` `p95` `p99` `max`, and `trend`, the p95 against the previous window
/// (`=` within 10%, `↑ 25%` slower, `↓ 40%` faster, `new` without a previous p95). Rows where a
/// rule fires start with `!` (and are red in colour). Every value from the logs is neutralised
/// (``TerminalText``), so no log line can drive the terminal.
package enum TopScreen {
    /// How to lay the screen out.
    package struct Layout: Sendable {
        /// Columns available; `nil` for plain snapshots (the name column fits the longest name,
        /// up to 60 characters).
        package var width: Int?
        /// Lines available; `nil` for every row.
        package var height: Int?
        /// ANSI colours (a terminal without `NO_COLOR`).
        package var color: Bool
        /// What is followed, for the header.
        package var inputs: String
        /// Whether keys are read (adds the key help line).
        package var interactive: Bool
        /// The title of the name column: the grouping fields (`op`, `op,status`).
        package var groupTitle: String

        package init(
            width: Int? = nil, height: Int? = nil, color: Bool = false, inputs: String, interactive: Bool = false,
            groupTitle: String = "op"
        ) {
            self.width = width
            self.height = height
            self.color = color
            self.inputs = inputs
            self.interactive = interactive
            self.groupTitle = groupTitle
        }
    }

    static let numberColumns: [(title: String, width: Int)] = [
        ("req/s", 9), ("err%", 7), ("4xx", 6), ("5xx", 6), ("p50", 9), ("p95", 9), ("p99", 9), ("max", 9), ("trend", 6),
    ]

    /// The screen's lines (without line ends).
    package static func lines(_ s: TopSnapshot, view: TopView, layout: Layout) -> [String] {
        let windowText = SLORule.intervalText(s.windowMicroseconds)
        var head = "perflog top  \(TerminalText.neutralize(layout.inputs))  window \(windowText)  at \(s.end)"
        if view.paused { head += "  PAUSED" }
        let rows = view.arrange(s.rows)
        var second = "events \(UnitFormat.count(s.events)) (\(rate(s.perSecond))/s)  rows \(rows.count)"
        if rows.count != s.rows.count { second += " of \(s.rows.count)" }
        second += "  malformed \(UnitFormat.count(s.malformed))  sort \(view.sort.rawValue)"
        if let f = view.filter { second += "  filter \(TerminalText.neutralize(f))" }
        var out = [head, second]
        if let q = s.slowest {
            out.append(
                "slowest query \(UnitFormat.duration(nanoseconds: Double(q.nanoseconds)))  \(TerminalText.neutralize(q.query))"
            )
        } else {
            out.append("slowest query -")
        }
        if s.rows.isEmpty {
            var note = "no perf events in the window"
            if let n = s.newest, n < s.windowStart { note += "; the newest is from \(n) (--now replays an older log)" }
            out.append(note)
        } else {
            out.append("")
        }
        let names = rows.map { TerminalText.neutralize($0.name) }
        let fixed = 2 + numberColumns.reduce(0) { $0 + $1.width + 2 }
        let nameWidth: Int
        if let w = layout.width {
            nameWidth = max(8, w - fixed)
        } else {
            nameWidth = max(4, min(60, names.map(\.count).max() ?? 0))
        }
        var titles = "  " + pad(layout.groupTitle, nameWidth)
        for c in numberColumns { titles += "  " + padLeft(c.title, c.width) }
        out.append(layout.color ? "\u{1B}[7m" + titles + "\u{1B}[0m" : titles)
        var body: [String] = []
        for (row, name) in zip(rows, names) {
            var line = (row.firing.isEmpty ? "  " : "! ") + pad(cut(name, nameWidth), nameWidth)
            let st = row.stats
            let q = st.quantiles
            let cells = [
                rate(row.perSecond), UnitFormat.percent(st.errors.errorRate), UnitFormat.count(st.errors.status4xx),
                UnitFormat.count(st.errors.status5xx), duration(q?[0]), duration(q?[2]), duration(q?[3]),
                duration(st.maxNanoseconds.map(Double.init)), trend(row),
            ]
            for (c, col) in zip(cells, numberColumns) { line += "  " + padLeft(c, col.width) }
            body.append(layout.color && !row.firing.isEmpty ? "\u{1B}[31m" + line + "\u{1B}[0m" : line)
        }
        var footer: [String] = []
        let firing = rows.flatMap { r in r.firing.map { "\($0) (\(TerminalText.neutralize(r.name)))" } }
        if !firing.isEmpty { footer.append("firing: " + firing.joined(separator: ", ")) }
        if layout.interactive {
            if let p = view.prompt {
                footer.append("filter (glob, Enter applies, Esc cancels): " + TerminalText.neutralize(p))
            } else {
                footer.append("keys: p p95  r rate  e errors  n name  / filter  space pause  q quit")
            }
        }
        if let h = layout.height {
            let room = max(0, h - out.count - footer.count)
            if body.count > room {
                let shown = max(0, room - 1)
                body = Array(body.prefix(shown)) + ["  … \(rows.count - shown) more rows"]
            }
        }
        out += body
        out += footer
        if let w = layout.width { out = out.map { cutLine($0, w) } }
        return out
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond < 100
            ? JSONWriter.fixed(perSecond, decimals: 2)
            : perSecond < 10_000
                ? JSONWriter.fixed(perSecond, decimals: 1)
                : UnitFormat.count(Int64(perSecond.rounded()))
    }

    static func duration(_ ns: Double?) -> String { ns.map { UnitFormat.duration(nanoseconds: $0) } ?? "-" }

    static func trend(_ row: TopRow) -> String {
        guard row.p95Nanoseconds != nil else { return "-" }
        guard let t = row.trend else { return "new" }
        if abs(t) < 0.1 { return "=" }
        let pct = min(999, Int((abs(t) * 100).rounded()))
        return (t > 0 ? "↑" : "↓") + " \(pct)%"
    }

    static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : s + String(repeating: " ", count: w - s.count)
    }
    static func padLeft(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : String(repeating: " ", count: w - s.count) + s
    }
    static func cut(_ s: String, _ w: Int) -> String { s.count <= w ? s : String(s.prefix(max(0, w - 1))) + "…" }

    /// A screen line cut to `width` visible characters (escape sequences do not count).
    static func cutLine(_ line: String, _ width: Int) -> String {
        var visible = 0
        var out = ""
        var inEscape = false
        for ch in line {
            if ch == "\u{1B}" { inEscape = true }
            if inEscape {
                out.append(ch)
                if ch.isLetter { inEscape = false }
                continue
            }
            if visible == width { continue }
            out.append(ch)
            visible += 1
        }
        return out
    }
}
