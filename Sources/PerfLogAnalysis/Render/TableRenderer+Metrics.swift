import PerfLog

extension TableRenderer {
    /// The metrics section: one row per series (and window), its numbers by kind.
    static func metrics(_ r: AnalysisResult) -> String {
        func n(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "-" }
            if v == v.rounded(), v.magnitude < 1e15 { return UnitFormat.count(Int64(v)) }
            return JSONWriter.fixed(v, decimals: 3)
        }
        let windowed = r.spec.everyMicroseconds != nil
        var t = TextTable(
            [("kind", .left), ("op", .left), ("status", .right), ("labels", .left)]
                + (windowed ? [("window", .left)] : []) + [
                    ("lines", .right), ("delta/count", .right), ("total/last", .right), ("rate/s", .right),
                    ("min", .right),
                    ("mean", .right), ("max", .right),
                ])
        for m in r.metrics {
            var row = [
                m.kind.rawValue, TerminalText.cell(m.op, width: maxTextWidth), m.status.map(String.init) ?? "-",
                m.labels.isEmpty ? "-" : TerminalText.cell(m.labelText, width: 40),
            ]
            if windowed { row.append(m.windowStart.map { windowText($0) } ?? "-") }
            row.append(UnitFormat.count(m.lines))
            switch m.kind {
            case .counter: row += [n(m.delta), n(m.total), n(m.ratePerSecond), "-", "-", "-"]
            case .gauge, .meter: row += ["-", n(m.last), "-", n(m.min), n(m.mean), n(m.max)]
            case .recorder: row += [UnitFormat.count(m.count), n(m.last), "-", n(m.min), n(m.mean), n(m.max)]
            }
            t.add(row)
        }
        return "Metrics (\(r.metrics.count) series)\n" + t.render()
    }
}
