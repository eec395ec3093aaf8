import PerfLog

/// Renders a result for people: a summary line, then aligned tables with units (`12.3 ms`,
/// `1.25 s`, `1.50%`). Every value that comes from the logs is neutralised so that a log line can
/// never drive the terminal.
public enum TableRenderer {
    /// Widest a group value or fingerprint is shown (longer ones end in `…`).
    static let maxTextWidth = 72

    /// The section of `r` that `kind` shows, as aligned text tables.
    public static func render(_ r: AnalysisResult, kind: ReportKind) -> String {
        var out = inputSummary(r)
        switch kind {
        case .analyze:
            out += "\n" + latency(r)
            out += "\n" + slow(r)
            out += "\n" + errors(r, withGroups: false)
            if !r.metrics.isEmpty { out += "\n" + metrics(r) }
        case .slow:
            out += "\n" + slow(r)
        case .errors:
            out += "\n" + errors(r, withGroups: true)
        }
        return out
    }

    static func inputSummary(_ r: AnalysisResult) -> String {
        let i = r.input
        var s =
            "Input: \(i.files) \(i.files == 1 ? "file" : "files"), \(UnitFormat.bytes(i.bytes)), "
            + "\(UnitFormat.count(i.lines)) lines, \(UnitFormat.count(i.events)) events"
        if i.malformed > 0 { s += ", \(UnitFormat.count(i.malformed)) malformed" }
        if i.recovered > 0 { s += ", " + TableRenderer.recoveredText(i) }
        if i.outOfRangeDurations > 0 { s += ", \(UnitFormat.count(i.outOfRangeDurations)) durations out of range" }
        s += "\n"
        if let f = i.from, let t = i.to { s += "Time:  \(f) .. \(t)\n" }
        return s
    }

    /// `1 torn line cut at recovery (37 B)`.
    static func recoveredText(_ i: InputStats) -> String {
        "\(UnitFormat.count(i.recovered)) torn \(i.recovered == 1 ? "line" : "lines") cut at recovery "
            + "(\(UnitFormat.bytes(UInt64(max(0, i.recoveredBytes)))))"
    }

    static func groupColumns(_ r: AnalysisResult) -> [(String, TextTable.Alignment)] {
        r.spec.groupBy.map { ($0.description, .left) } + (r.spec.everyMicroseconds != nil ? [("window", .left)] : [])
    }

    static func groupCells(_ r: AnalysisResult, _ c: LatencyCell) -> [String] {
        c.group.map { TerminalText.cell($0.description, width: maxTextWidth) }
            + (r.spec.everyMicroseconds != nil ? [c.windowStart.map { windowText($0) } ?? "-"] : [])
    }

    /// `2026-11-28 10:05:00` (UTC, seconds precision) for window starts.
    static func windowText(_ t: Timestamp) -> String {
        let s = t.description
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(8))
    }

    static func latency(_ r: AnalysisResult) -> String {
        let by = r.spec.groupBy.map(\.description).joined(separator: ",")
        var t = TextTable(
            groupColumns(r) + [
                ("count", .right), ("errors", .right), ("err%", .right), ("mean", .right), ("min", .right),
                ("p50", .right), ("p90", .right), ("p95", .right), ("p99", .right), ("p99.9", .right), ("max", .right),
            ])
        for c in r.rows {
            let s = LatencySummary(c.latency)
            let d: [String] =
                s.count == 0
                ? Array(repeating: "-", count: 8)
                : [s.mean, s.min, s.p50, s.p90, s.p95, s.p99, s.p999, s.max].map {
                    UnitFormat.duration(nanoseconds: $0)
                }
            t.add(
                groupCells(r, c) + [
                    UnitFormat.count(s.count), UnitFormat.count(c.errors.errors),
                    UnitFormat.percent(c.errors.errorRate),
                ] + d)
        }
        var out = "Latency by \(by)"
        if let every = r.spec.everyMicroseconds { out += ", every \(durationText(microseconds: every))" }
        out += " (\(r.rows.count) \(r.rows.count == 1 ? "row" : "rows"))\n"
        if r.rows.isEmpty { return out + "  (no perf events)\n" }
        return out + t.render()
    }

    static func slow(_ r: AnalysisResult) -> String {
        let ms = r.spec.slowThresholdMilliseconds
        let threshold =
            ms == ms.rounded() && ms < 1e9 ? "\(Int64(ms)) ms" : UnitFormat.duration(nanoseconds: ms * 1_000_000)
        var out =
            "Slow queries at or over \(threshold): \(UnitFormat.count(r.slowCount)) "
            + "\(r.slowCount == 1 ? "record" : "records"), \(r.slowGroupCount) \(r.slowGroupCount == 1 ? "fingerprint" : "fingerprints")"
        if r.slowGroupCount > r.slowGroups.count { out += " (top \(r.slowGroups.count) by total time)" }
        out += "\n"
        if r.slowGroups.isEmpty { return out + "  (none)\n" }
        var t = TextTable([
            ("total", .right), ("count", .right), ("mean", .right), ("p95", .right), ("max", .right),
            ("last seen", .left), ("ops", .left), ("fingerprint", .left),
        ])
        for g in r.slowGroups {
            let s = LatencySummary(g.stats)
            let ops = g.ops.sorted()
            let opText =
                ops.count <= 2
                ? ops.joined(separator: " ") : ops.prefix(2).joined(separator: " ") + " +\(ops.count - 2)"
            t.add([
                UnitFormat.duration(nanoseconds: Double(g.stats.sumNanoseconds)), UnitFormat.count(s.count),
                UnitFormat.duration(nanoseconds: s.mean), UnitFormat.duration(nanoseconds: s.p95),
                UnitFormat.duration(nanoseconds: s.max), g.last.map { windowText($0) } ?? "-",
                TerminalText.cell(opText, width: 40), TerminalText.cell(g.fingerprint, width: maxTextWidth),
            ])
        }
        return out + t.render()
    }

    static func errors(_ r: AnalysisResult, withGroups: Bool) -> String {
        let e = r.errorsTotal
        var out =
            "Errors: \(UnitFormat.count(e.errors)) of \(UnitFormat.count(e.count)) perf events "
            + "(\(UnitFormat.percent(e.errorRate))); HTTP 4xx \(UnitFormat.count(e.status4xx)) "
            + "(\(UnitFormat.percent(e.rate4xx))), 5xx \(UnitFormat.count(e.status5xx)) (\(UnitFormat.percent(e.rate5xx)))\n"
        if withGroups && !r.rows.isEmpty {
            var t = TextTable(
                groupColumns(r) + [
                    ("count", .right), ("errors", .right), ("err%", .right), ("4xx", .right), ("4xx%", .right),
                    ("5xx", .right), ("5xx%", .right),
                ])
            for c in r.rows {
                let x = c.errors
                t.add(
                    groupCells(r, c) + [
                        UnitFormat.count(x.count), UnitFormat.count(x.errors), UnitFormat.percent(x.errorRate),
                        UnitFormat.count(x.status4xx), UnitFormat.percent(x.rate4xx),
                        UnitFormat.count(x.status5xx), UnitFormat.percent(x.rate5xx),
                    ])
            }
            out += "\n" + t.render() + "\n"
        }
        if !r.topErrors.isEmpty {
            out += "Top error types\n"
            var t = TextTable([("count", .right), ("share", .right), ("error", .left)])
            for x in r.topErrors {
                t.add([
                    UnitFormat.count(x.count),
                    UnitFormat.percent(e.errors == 0 ? 0 : Double(x.count) / Double(e.errors)),
                    x.error.map { TerminalText.cell($0, width: maxTextWidth) } ?? "(no error field)",
                ])
            }
            out += t.render()
        }
        return out
    }

    /// `5m`, `1h`, `90s`, `250ms` for a window length.
    static func durationText(microseconds us: Int64) -> String {
        for (unit, size) in [
            ("d", Int64(86_400_000_000)), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000), ("ms", 1000),
        ]
        where us % size == 0 {
            return "\(us / size)\(unit)"
        }
        return "\(us)us"
    }
}
