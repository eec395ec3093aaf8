import PerfLog

/// Renders a result as CSV (RFC 4180: fields holding a comma, quote, CR or LF are quoted, quotes
/// doubled; lines end in CRLF). One table per command: `analyze` the latency rows (and, when the
/// logs have metric lines, the metric series after an empty line), `slow` the fingerprints,
/// `errors` the error rows. Durations in milliseconds with three decimals. Values
/// from the logs keep their text, except that control characters are made visible and a text
/// cell a spreadsheet would run as a formula is neutralised (``textField(_:)``); numbers stay
/// numbers.
public enum CSVRenderer {
    /// The section of `r` that `kind` shows, as CSV with a header row.
    public static func render(_ r: AnalysisResult, kind: ReportKind) -> String {
        var rows: [[String]] = []
        let groupHeader = r.spec.groupBy.map(\.description) + (r.spec.everyMicroseconds != nil ? ["window_start"] : [])
        func groupFields(_ c: LatencyCell) -> [String] {
            c.group.map { v in
                switch v {
                case .missing: ""
                case .number(let n): field(n)
                case .string(let s), .literal(let s): textField(s)
                }
            } + (r.spec.everyMicroseconds != nil ? [c.windowStart?.description ?? ""] : [])
        }
        switch kind {
        case .analyze:
            rows.append(
                groupHeader.map(textField) + [
                    "count", "errors", "error_rate", "mean_ms", "min_ms", "p50_ms", "p90_ms",
                    "p95_ms", "p99_ms", "p999_ms", "max_ms",
                ])
            for c in r.rows {
                let s = LatencySummary(c.latency)
                let durations = [s.mean, s.min, s.p50, s.p90, s.p95, s.p99, s.p999, s.max].map {
                    s.count == 0 ? "" : UnitFormat.milliseconds(nanoseconds: $0)
                }
                rows.append(
                    groupFields(c) + [
                        String(s.count), String(c.errors.errors),
                        JSONWriter.fixed(c.errors.errorRate, decimals: 6),
                    ] + durations)
            }
        case .slow:
            rows.append(["fingerprint", "count", "total_ms", "mean_ms", "p95_ms", "max_ms", "first", "last", "ops"])
            for g in r.slowGroups {
                let s = LatencySummary(g.stats)
                rows.append([
                    textField(g.fingerprint), String(s.count),
                    UnitFormat.milliseconds(nanoseconds: Double(g.stats.sumNanoseconds)),
                    UnitFormat.milliseconds(nanoseconds: s.mean), UnitFormat.milliseconds(nanoseconds: s.p95),
                    UnitFormat.milliseconds(nanoseconds: s.max), g.first?.description ?? "",
                    g.last?.description ?? "", textField(g.ops.sorted().joined(separator: " ")),
                ])
            }
        case .errors:
            rows.append(groupHeader.map(textField) + ["count", "errors", "error_rate", "status_4xx", "status_5xx"])
            for c in r.rows {
                let e = c.errors
                rows.append(
                    groupFields(c) + [
                        String(e.count), String(e.errors), JSONWriter.fixed(e.errorRate, decimals: 6),
                        String(e.status4xx), String(e.status5xx),
                    ])
            }
        }
        var out = rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
        if kind == .analyze && !r.metrics.isEmpty { out += "\r\n" + metrics(r) }
        return out
    }

    /// The metric series (only when the logs have some), as a second table after an empty line:
    /// one row per series (and window), the numbers its kind has (docs/REPORT.md, `metrics[]`).
    static func metrics(_ r: AnalysisResult) -> String {
        let windowed = r.spec.everyMicroseconds != nil
        var rows = [
            ["kind", "op", "status", "labels"] + (windowed ? ["window_start"] : [])
                + ["lines", "delta", "total", "rate_per_s", "count", "sum", "last", "min", "mean", "max"]
        ]
        func n(_ v: Double?) -> String { v == nil ? "" : ReportDocument.metricNumber(v).replacing("null", with: "") }
        for m in r.metrics {
            let counter = m.kind == .counter
            let recorder = m.kind == .recorder
            rows.append(
                [m.kind.rawValue, textField(m.op), m.status.map(String.init) ?? "", textField(m.labelText)]
                    + (windowed ? [m.windowStart?.description ?? ""] : [])
                    + [
                        String(m.lines), counter ? n(m.delta) : "", counter ? n(m.total) : "", n(m.ratePerSecond),
                        recorder ? String(m.count) : "", recorder ? n(m.sum) : "", n(m.last), n(m.min), n(m.mean),
                        n(m.max),
                    ])
        }
        return rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }

    /// One text cell from the logs: ``field(_:)``, except that a cell starting with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return, which a spreadsheet reads as a formula
    /// (`=HYPERLINK(…)`), gets a `'` in front and is quoted, as OWASP recommends against CSV
    /// injection: the spreadsheet shows the text and runs nothing. Numbers are written with
    /// ``field(_:)`` and stay numbers.
    public static func textField(_ raw: String) -> String {
        guard let first = raw.utf8.first,
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
        else { return field(raw) }
        let body = field("'" + raw)
        return body.hasPrefix("\"") ? body : "\"" + body + "\""
    }

    /// One CSV field (a number, or text known to be safe), quoted when it needs to be. Control
    /// characters other than CR and LF are made visible (``TerminalText``), so a CSV shown on a
    /// terminal cannot drive it.
    public static func field(_ raw: String) -> String {
        var s = ""
        for u in raw.unicodeScalars {
            if TerminalText.isUnsafe(u) && u != "\n" && u != "\r" {
                s += TerminalText.neutralize(String(u))
            } else {
                s.unicodeScalars.append(u)
            }
        }
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}
