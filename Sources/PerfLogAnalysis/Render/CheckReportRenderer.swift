import PerfLog

/// Renders the outcome of `perflog check`: a table for people, or JSON (`perflog.check/1`).
public enum CheckReportRenderer {
    /// The JSON schema identifier.
    public static let schema = "perflog.check/1"

    /// The rules as an aligned table, fired rules first marked `FIRED`, followed by a summary line.
    public static func table(_ results: [RuleResult], input: InputStats) -> String {
        var t = TextTable([
            ("state", .left), ("rule", .left), ("match", .left), ("condition", .left), ("value", .right),
            ("events", .right), ("windows", .right), ("severity", .left),
        ])
        for r in results {
            t.add([
                r.state == .fired ? "FIRED" : r.state.rawValue,
                TerminalText.neutralize(r.rule.name),
                TerminalText.neutralize(r.rule.match.description),
                TerminalText.neutralize(r.rule.conditionText),
                r.value.map(r.rule.stat.format) ?? "-",
                UnitFormat.count(r.count),
                r.rule.forMicroseconds == nil ? "-" : "\(r.heldWindowCount)/\(r.windowCount)",
                TerminalText.neutralize(r.rule.severity),
            ])
        }
        var out = "SLO check: \(UnitFormat.count(input.events)) events"
        if let f = input.from, let to = input.to { out += " from \(f) to \(to)" }
        out += "\n\n" + t.render() + "\n"
        out += summaryLine(results) + "\n"
        for r in results where r.state == .fired && !r.rule.summary.isEmpty {
            out += "  \(TerminalText.neutralize(r.rule.name)): \(TerminalText.neutralize(r.rule.summary))\n"
        }
        return out
    }

    /// `6 rules: 1 fired, 4 ok, 1 no data`.
    public static func summaryLine(_ results: [RuleResult]) -> String {
        let fired = results.filter { $0.state == .fired }.count
        let ok = results.filter { $0.state == .ok }.count
        let none = results.filter { $0.state == .noData }.count
        return "\(results.count) \(results.count == 1 ? "rule" : "rules"): \(fired) fired, \(ok) ok, \(none) no data"
    }

    /// The rules as one line of JSON: `{"schema", "input", "fired", "rules": [...]}`; each rule
    /// has name, match, stat, op, threshold (in the stat's unit), for_s, severity, summary, count,
    /// value, state and, with `for`, its windows (a run of windows without matching events is one
    /// entry whose `windows` key says how many).
    public static func json(_ results: [RuleResult], input: InputStats) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("schema")
        w.string(schema)
        w.key("input")
        ReportDocument.Input(input).write(&w)
        w.key("fired")
        w.int(results.filter { $0.state == .fired }.count)
        w.key("rules")
        w.beginArray()
        for r in results {
            let stat = r.rule.stat
            w.beginObject()
            w.key("name")
            w.string(r.rule.name)
            w.key("match")
            w.beginObject()
            w.key("op")
            w.beginArray()
            for g in r.rule.match.opGlobs { w.string(g) }
            w.endArray()
            w.key("where")
            w.string(r.rule.match.where?.source)
            w.endObject()
            w.key("stat")
            w.string(stat.rawValue)
            w.key("op")
            w.string(r.rule.comparison.rawValue)
            w.key("threshold")
            w.raw(stat.jsonNumber(r.rule.threshold))
            w.key("for_s")
            if let f = r.rule.forMicroseconds {
                w.raw(JSONWriter.fixed(Double(f) / 1e6, decimals: 3))
            } else {
                w.null()
            }
            w.key("severity")
            w.string(r.rule.severity)
            w.key("summary")
            w.string(r.rule.summary)
            w.key("count")
            w.int(r.count)
            w.key("value")
            if let v = r.value { w.raw(stat.jsonNumber(v)) } else { w.null() }
            w.key("state")
            w.string(r.state.rawValue)
            if r.rule.forMicroseconds != nil {
                w.key("windows")
                w.beginArray()
                for win in r.windows {
                    w.beginObject()
                    w.key("start")
                    w.string(win.start.description)
                    if win.length > 1 {
                        w.key("windows")
                        w.int(win.length)
                    }
                    w.key("count")
                    w.int(win.count)
                    w.key("value")
                    if let v = win.value { w.raw(stat.jsonNumber(v)) } else { w.null() }
                    w.key("holds")
                    w.raw(win.holds ? "true" : "false")
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }
}
