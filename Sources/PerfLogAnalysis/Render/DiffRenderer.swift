/// Renders a ``ReportDiff`` as a table for people or JSON (`perflog.diff/1`).
public enum DiffRenderer {
    /// The JSON schema identifier.
    public static let schema = "perflog.diff/1"

    /// An aligned table: per group the base → current values with the relative change, and the
    /// status (`REGRESSED p95,p99`, `ok`, `new`, `gone`), then a summary line.
    public static func table(_ d: ReportDiff) -> String {
        var t = TextTable([
            ("status", .left), (d.fields.joined(separator: ","), .left), ("count", .right), ("p50", .right),
            ("p95", .right), ("p99", .right), ("error rate", .right),
        ])
        for r in d.rows {
            let status =
                r.regressions.isEmpty ? r.status : "REGRESSED " + r.regressions.map(\.rawValue).joined(separator: ",")
            let count =
                "\(r.base.map { UnitFormat.count($0.count) } ?? "-") → \(r.current.map { UnitFormat.count($0.count) } ?? "-")"
            var cells = [status, TerminalText.neutralize(r.key), count]
            for m in DiffMetric.allCases { cells.append(cell(r, m)) }
            t.add(cells)
        }
        let regressed = d.rows.filter { !$0.regressions.isEmpty }.count
        var out = t.render() + "\n"
        out += "\(d.rows.count) groups compared, \(regressed) regressed "
        out +=
            "(gate: p95 or p99 worse by more than \(UnitFormat.percent(d.gate.failAbove)), or the error rate worse by more than "
        out +=
            "\(UnitFormat.percent(d.gate.failAbove)) and by at least \(JSONWriter.fixed(d.gate.minErrorRateDelta * 100, decimals: 2)) "
        out +=
            "percentage points (--min-error-rate-delta); groups with at least \(d.gate.minCount) events on both sides)\n"
        return out
    }

    static func format(_ m: DiffMetric, _ v: Double?) -> String {
        guard let v else { return "-" }
        return m == .errorRate ? UnitFormat.percent(v) : UnitFormat.duration(nanoseconds: v * 1e6)
    }

    static func cell(_ r: ReportDiff.Row, _ m: DiffMetric) -> String {
        let b = format(m, r.base?.value(m))
        let c = format(m, r.current?.value(m))
        var s = "\(b) → \(c)"
        if let rel = r.relativeChange(m) {
            s += " (\(rel >= 0 ? "+" : "")\(JSONWriter.fixed(rel * 100, decimals: 1))%)"
        }
        return s
    }

    /// One line of JSON: `{"schema", "fields", "gate", "regressed", "groups": [{key, status,
    /// regressions, base, current, change}]}`; durations in milliseconds, rates as fractions.
    public static func json(_ d: ReportDiff) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("schema")
        w.string(schema)
        w.key("fields")
        w.beginArray()
        for f in d.fields { w.string(f) }
        w.endArray()
        w.key("gate")
        w.beginObject()
        w.key("fail_above")
        w.raw(JSONWriter.fixed(d.gate.failAbove, decimals: 6))
        w.key("min_count")
        w.int(d.gate.minCount)
        w.key("min_error_rate_delta")
        w.raw(JSONWriter.fixed(d.gate.minErrorRateDelta, decimals: 6))
        w.endObject()
        w.key("regressed")
        w.raw(d.regressed ? "true" : "false")
        w.key("groups")
        w.beginArray()
        for r in d.rows {
            w.beginObject()
            w.key("key")
            w.string(r.key)
            w.key("status")
            w.string(r.status)
            w.key("regressions")
            w.beginArray()
            for m in r.regressions { w.string(m.rawValue) }
            w.endArray()
            for (name, side) in [("base", r.base), ("current", r.current)] {
                w.key(name)
                guard let s = side else {
                    w.null()
                    continue
                }
                w.beginObject()
                w.key("count")
                w.int(s.count)
                w.key("errors")
                w.int(s.errors)
                w.key("error_rate")
                w.raw(JSONWriter.fixed(s.errorRate, decimals: 6))
                for (k, v) in [("p50_ms", s.p50Ms), ("p95_ms", s.p95Ms), ("p99_ms", s.p99Ms)] {
                    w.key(k)
                    if let v { w.raw(JSONWriter.fixed(v, decimals: 3)) } else { w.null() }
                }
                w.endObject()
            }
            w.key("change")
            w.beginObject()
            for m in DiffMetric.allCases {
                w.key(m.rawValue)
                w.beginObject()
                let unit = m == .errorRate ? 6 : 3
                w.key(m == .errorRate ? "absolute" : "absolute_ms")
                if let a = r.absoluteChange(m) { w.raw(JSONWriter.fixed(a, decimals: unit)) } else { w.null() }
                w.key("relative")
                if let rel = r.relativeChange(m) { w.raw(JSONWriter.fixed(rel, decimals: 6)) } else { w.null() }
                w.endObject()
            }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }
}
