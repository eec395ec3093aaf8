/// Renders a result in the Prometheus text exposition format, version 0.0.4, for a node_exporter
/// textfile collector or a Pushgateway.
///
/// Metrics (with the default prefix `perflog_`; labels are the `--by` fields, `op` by default,
/// with dots and other characters outside `[a-zA-Z0-9_]` turned into `_`, e.g. `meta_user_id`):
/// - `perflog_duration_seconds{op,quantile}`: a summary of the `perf` durations, in SECONDS
///   (Prometheus' base unit), quantiles 0.5, 0.9, 0.95, 0.99 and 0.999, with `_sum` and `_count`;
/// - `perflog_events_total{op}`: `perf` events; `perflog_errors_total{op}`: those with an error
///   outcome; `perflog_http_responses_total{op,class="4xx"|"5xx"}`;
/// - `perflog_slow_queries_total`: slow records at or over the threshold, and
///   `perflog_slow_query_fingerprint_total{fingerprint}` for the listed fingerprints;
/// - `perflog_input_lines_total`, `perflog_input_malformed_lines_total`.
/// Windows (`--every`) are merged: the exposition has one sample per series. `slow` renders only
/// the slow-query counters and `errors` only the event, error and HTTP counters (each with the
/// input counters); `analyze` renders them all.
///
/// ```swift
/// let text = PrometheusRenderer.render(result, prefix: "tta_")
/// ```
public enum PrometheusRenderer {
    /// The default metric prefix.
    public static let defaultPrefix = "perflog_"

    /// The exposition text.
    ///
    /// - Parameters:
    ///   - result: the analysis.
    ///   - prefix: prepended to every metric name (sanitised to `[a-zA-Z_:][a-zA-Z0-9_:]*`).
    ///   - kind: which command's metrics: all of them for `analyze`, only its part for `slow` and `errors`.
    public static func render(_ result: AnalysisResult, prefix: String = defaultPrefix, kind: ReportKind = .analyze)
        -> String
    {
        let p = metricName(prefix)
        let labelNames = uniqueLabelNames(result.spec.groupBy.map { labelName($0.description) })
        let cells = result.collapsingWindows()
        func labels(_ c: LatencyCell, _ extra: [(String, String)] = []) -> String {
            var pairs: [(String, String)] = zip(labelNames, c.group).map { ($0, $1 == .missing ? "" : $1.description) }
            pairs += extra
            return pairs.isEmpty
                ? "" : "{" + pairs.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
        }
        var out = ""
        let d = p + "duration_seconds"
        if kind == .analyze {
            out += "# HELP \(d) Duration of perf events, in seconds.\n# TYPE \(d) summary\n"
            for c in cells where c.latency.count > 0 {
                let qs = c.latency.quantilesNanoseconds(LatencySummary.quantiles)
                for (q, v) in zip(["0.5", "0.9", "0.95", "0.99", "0.999"], qs) {
                    out += "\(d)\(labels(c, [("quantile", q)])) \(number(v / 1e9))\n"
                }
                out += "\(d)_sum\(labels(c)) \(number(Double(c.latency.sumNanoseconds) / 1e9))\n"
                out += "\(d)_count\(labels(c)) \(c.latency.count)\n"
            }
        }
        func counter(_ name: String, _ help: String, _ body: () -> String) {
            out += "# HELP \(p)\(name) \(help)\n# TYPE \(p)\(name) counter\n" + body()
        }
        if kind != .slow {
            counter("events_total", "Perf events.") {
                cells.map { "\(p)events_total\(labels($0)) \($0.errors.count)\n" }.joined()
            }
            counter("errors_total", "Perf events whose outcome is an error.") {
                cells.map { "\(p)errors_total\(labels($0)) \($0.errors.errors)\n" }.joined()
            }
            counter(
                "http_responses_total", "Perf events with an HTTP status of 400-499 (class 4xx) or 500-599 (class 5xx)."
            ) {
                cells.map {
                    "\(p)http_responses_total\(labels($0, [("class", "4xx")])) \($0.errors.status4xx)\n"
                        + "\(p)http_responses_total\(labels($0, [("class", "5xx")])) \($0.errors.status5xx)\n"
                }.joined()
            }
        }
        if kind != .errors {
            counter(
                "slow_queries_total",
                "Slow query records at or over the threshold of \(number(result.spec.slowThresholdMilliseconds / 1000)) seconds."
            ) {
                "\(p)slow_queries_total \(result.slowCount)\n"
            }
            counter(
                "slow_query_fingerprint_total",
                "Slow query records per query fingerprint (the top fingerprints by total time)."
            ) {
                result.slowGroups.map {
                    "\(p)slow_query_fingerprint_total{fingerprint=\"\(escapeLabelValue($0.fingerprint))\"} \($0.stats.count)\n"
                }.joined()
            }
        }
        counter("input_lines_total", "Lines read.") { "\(p)input_lines_total \(result.input.lines)\n" }
        counter("input_malformed_lines_total", "Lines that were not valid records and were skipped.") {
            "\(p)input_malformed_lines_total \(result.input.malformed)\n"
        }
        if kind == .analyze && !result.metrics.isEmpty { out += metrics(result, prefix: p) }
        return out
    }

    /// The metric series of the logs (windows merged), when there are any: counters as counters
    /// (`<prefix>metric_total`, the latest `total`), gauges and meters as gauges
    /// (`<prefix>metric_gauge`, the last value; `_min`, `_max`, `_mean`), recorders as
    /// `<prefix>metric_recorder_sum` and `_count`. Labels: `op`, `status` when the lines have one,
    /// and the series' `meta` keys (as label names; `op` and `status` keys become `meta_op`,
    /// `meta_status`). Resource samples are gauges named `process.<field>`.
    static func metrics(_ result: AnalysisResult, prefix p: String) -> String {
        let series = MetricSeriesStats.mergingWindows(result.metrics)
        func labels(_ m: MetricSeriesStats) -> String {
            var pairs = [("op", m.op)]
            if let s = m.status { pairs.append(("status", String(s))) }
            var used: Set<String> = ["op", "status"]
            for l in m.labels {
                var name = labelName(l.key)
                if name == "op" || name == "status" { name = "meta_" + name }
                var candidate = name
                var k = 2
                while !used.insert(candidate).inserted {
                    candidate = "\(name)_\(k)"
                    k += 1
                }
                pairs.append((candidate, l.value))
            }
            return "{" + pairs.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
        }
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ rows: [(MetricSeriesStats, Double?)]) {
            let present = rows.compactMap { r in r.1.flatMap { $0.isFinite ? (r.0, $0) : nil } }
            guard !present.isEmpty else { return }
            out += "# HELP \(p)\(name) \(help)\n# TYPE \(p)\(name) \(type)\n"
            for (m, v) in present { out += "\(p)\(name)\(labels(m)) \(number(v))\n" }
        }
        let counters = series.filter { $0.kind == .counter }
        let gauges = series.filter { $0.kind == .gauge || $0.kind == .meter }
        let recorders = series.filter { $0.kind == .recorder }
        family(
            "metric_total", "counter", "Counters of the logged metrics: the latest total.",
            counters.map { ($0, $0.total ?? $0.delta) })
        family(
            "metric_gauge", "gauge", "Gauges and meters of the logged metrics: the last value.",
            gauges.map { ($0, $0.last) })
        family("metric_gauge_min", "gauge", "Gauges and meters: the smallest value.", gauges.map { ($0, $0.min) })
        family("metric_gauge_max", "gauge", "Gauges and meters: the largest value.", gauges.map { ($0, $0.max) })
        family(
            "metric_gauge_mean", "gauge", "Gauges and meters: the mean of the interval values.",
            gauges.map { ($0, $0.mean) })
        family(
            "metric_recorder_sum", "counter", "Recorders: the sum of the recorded values.",
            recorders.map { ($0, $0.sum) })
        family(
            "metric_recorder_count", "counter", "Recorders: the number of recorded values.",
            recorders.map { ($0, Double($0.count)) })
        return out
    }

    /// A label value with `\`, `"` and newlines escaped (`\\`, `\"`, `\n`), the only escapes the
    /// exposition format has. Every other character that could drive a terminal (C0 controls such
    /// as ESC, BEL, NUL and CR, DEL, C1 controls, bidi overrides) is first made visible as
    /// ``TerminalText`` does (`\x1B`, `\u{202E}`), and that backslash escaped in turn: the label
    /// value reads `\x1B` as four characters, and the exposition stays valid and inert.
    public static func escapeLabelValue(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default:
                if TerminalText.isUnsafe(ch) {
                    out += TerminalText.neutralize(String(ch)).replacing("\\", with: "\\\\")
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    /// `text` as a metric name: characters outside `[a-zA-Z0-9_:]` become `_`, and a leading digit
    /// gets a `_` in front.
    public static func metricName(_ text: String) -> String {
        sanitize(text, allowColon: true)
    }

    /// `text` as a label name: characters outside `[a-zA-Z0-9_]` become `_` (`meta.user_id` is
    /// `meta_user_id`), a leading digit gets a `_` in front, and the reserved `__` prefix and the
    /// summary's `quantile` label are avoided.
    public static func labelName(_ text: String) -> String {
        var s = sanitize(text, allowColon: false)
        while s.hasPrefix("__") { s.removeFirst() }
        if s.isEmpty { s = "label" }
        if s == "quantile" { s = "group_quantile" }
        return s
    }

    static func sanitize(_ text: String, allowColon: Bool) -> String {
        var out = ""
        for u in text.unicodeScalars {
            let ok =
                (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "_"
                || (allowColon && u == ":")
            out.unicodeScalars.append(ok ? u : "_")
        }
        if let f = out.unicodeScalars.first, f >= "0" && f <= "9" { out = "_" + out }
        return out
    }

    static func uniqueLabelNames(_ names: [String]) -> [String] {
        var seen: Set<String> = ["class"]
        return names.map { n in
            var candidate = n
            var k = 2
            while !seen.insert(candidate).inserted {
                candidate = "\(n)_\(k)"
                k += 1
            }
            return candidate
        }
    }

    /// A sample value: a decimal rounded to nine places (nanoseconds, for seconds), trailing
    /// zeros dropped (`0.2125`, `12`); `+Inf`, `-Inf` or `NaN` when not finite.
    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if abs(v) >= 1e9 { return "\(v)" }
        var s = JSONWriter.fixed(v, decimals: 9)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
