extension RulesFile {
    /// `rules` as a rules file (a top-level `rules:` list) that ``parse(_:file:)`` reads back to
    /// the same rules: a starting point for your own (`perflog check --print-rules`).
    public static func yaml(_ rules: [SLORule]) -> String {
        var out =
            "# perflog check rules (docs/CHECK.md); `op` and `threshold` give the condition that FIRES a rule\nrules:\n"
        for r in rules {
            out += "  - name: \(JSONWriter.quoted(r.name))\n"
            if !r.match.opGlobs.isEmpty || r.match.where != nil {
                out += "    match:\n"
                if !r.match.opGlobs.isEmpty {
                    out += "      op: [\(r.match.opGlobs.map(JSONWriter.quoted).joined(separator: ", "))]\n"
                }
                if let w = r.match.where { out += "      where: \(JSONWriter.quoted(w.source))\n" }
            }
            out += "    stat: \(r.stat.rawValue)\n"
            out += "    op: \"\(r.comparison.rawValue)\"\n"
            out += "    threshold: \(thresholdText(r.stat, r.threshold))\n"
            if let f = r.forMicroseconds { out += "    for: \(SLORule.intervalText(f))\n" }
            out += "    severity: \(JSONWriter.quoted(r.severity))\n"
            if !r.summary.isEmpty { out += "    summary: \(JSONWriter.quoted(r.summary))\n" }
            if r.minCount != 1 { out += "    min_count: \(r.minCount)\n" }
        }
        return out
    }

    /// A threshold written with its unit: `200ms`, `5%`, `600/min`.
    static func thresholdText(_ stat: SLOStat, _ v: Double) -> String {
        func trimmed(_ x: Double) -> String {
            var s = JSONWriter.fixed(x, decimals: 6)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        switch stat {
        case .errorRate: return trimmed(v * 100) + "%"
        case .ratePerMinute: return trimmed(v) + "/min"
        case .counterRatePerSecond: return trimmed(v) + "/s"
        case .gaugeMax, .gaugeMean: return trimmed(v)
        default: return trimmed(v) + "ms"
        }
    }
}
