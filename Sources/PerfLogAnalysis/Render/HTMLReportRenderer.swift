import PerfLog

/// Renders one self-contained HTML report: inline CSS and SVG only, no scripts, no fonts, no
/// network (a Content-Security-Policy of `default-src 'none'` says so to the browser). Every
/// string that came from the logs is HTML-escaped.
///
/// Sections: summary, the SLO table from `check`, latency per op, p50/p95/p99 over time for the
/// busiest ops, error rate over time, a latency histogram per op, slow queries, top errors.
public enum HTMLReportRenderer {
    /// What the report shows.
    public struct Input: Sendable {
        /// The page title.
        public var title: String
        /// The per-op analysis (windows, if any, are merged for the tables and histograms).
        public var result: AnalysisResult
        /// The per-op analysis split into windows of ``everyMicroseconds`` (the charts over time).
        public var series: AnalysisResult
        /// The chart window, in microseconds.
        public var everyMicroseconds: Int64
        /// The SLO rules' outcome.
        public var rules: [RuleResult]
        /// How many of the busiest ops get a chart over time.
        public var busiestOps: Int
        /// How many ops (busiest first) get a histogram.
        public var histogramOps: Int

        /// A report from the analysis, the rule results and the chart series.
        public init(
            title: String = "perflog report", result: AnalysisResult, series: AnalysisResult, everyMicroseconds: Int64,
            rules: [RuleResult], busiestOps: Int = 6, histogramOps: Int = 12
        ) {
            self.title = title
            self.result = result
            self.series = series
            self.everyMicroseconds = everyMicroseconds
            self.rules = rules
            self.busiestOps = busiestOps
            self.histogramOps = histogramOps
        }
    }

    /// The chart window for data spanning `span` microseconds: the shortest of 1s, 5s, 10s, 30s,
    /// 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 7d giving at most 60 windows.
    public static func autoWindow(spanMicroseconds span: Int64) -> Int64 {
        let s: Int64 = 1_000_000
        let choices: [Int64] = [
            1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800,
        ].map { $0 * s }
        for c in choices where span / c < 60 { return c }
        return choices.last!
    }

    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#1d2330;background:#f6f7f9}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d9dde3;padding-bottom:4px}
        .meta{color:#5a6270;margin:0 0 8px}
        table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
        th,td{padding:4px 8px;border-bottom:1px solid #eceef1;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .fired{color:#fff;background:#c0392b;font-weight:700;border-radius:3px;padding:1px 6px}
        .ok{color:#1e7d32;font-weight:600}.no-data{color:#888}
        .grid{display:flex;flex-wrap:wrap;gap:14px}figure{margin:0;background:#fff;border:1px solid #e1e4e8;border-radius:4px;padding:8px}
        figcaption{font-weight:600;font-size:13px;margin-bottom:4px;overflow-wrap:break-word;max-width:720px}
        svg .axis{font-size:11px;fill:#5a6270}svg .legend{font-size:12px;fill:#1d2330}
        code{font-size:12px;overflow-wrap:break-word}td.op,td.t{white-space:nowrap}footer{color:#888;margin:30px 0 10px;font-size:12px}
        """

    /// A y tick of milliseconds: in ms, or in seconds once the ticks are a second or more apart.
    static func axisDuration(_ ms: Double, step: Double) -> String {
        step >= 1000
            ? SVGChart.tickText(ms / 1000, step: step / 1000) + " s" : SVGChart.tickText(ms, step: step) + " ms"
    }

    static func label(_ group: [GroupValue]) -> String { group.map(\.description).joined(separator: ", ") }
    static func ms(_ ns: Double) -> String { UnitFormat.duration(nanoseconds: ns) }

    /// The whole page.
    public static func render(_ input: Input) -> String {
        let r = input.result
        let totals = r.collapsingWindows()
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        h +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        h += "<title>\(HTMLText.escape(input.title))</title><style>\(css)</style></head><body>\n"
        h += "<h1>\(HTMLText.escape(input.title))</h1>\n"
        h += "<p class=\"meta\">\(UnitFormat.count(r.input.events)) events"
        if let f = r.input.from, let t = r.input.to { h += " from \(f) to \(t)" }
        h += " · \(r.input.files) \(r.input.files == 1 ? "file" : "files"), \(UnitFormat.bytes(r.input.bytes))"
        h += " · charts in windows of \(SLORule.intervalText(input.everyMicroseconds))"
        if r.input.malformed > 0 {
            h += " · <strong>\(UnitFormat.count(r.input.malformed)) malformed lines skipped</strong>"
        }
        if r.input.recovered > 0 { h += " · " + TableRenderer.recoveredText(r.input) }
        h += "</p>\n"
        h += sloSection(input.rules)
        h += latencyTable(totals)
        h += timeSeries(input, totals: totals)
        h += errorSeries(input)
        h += gaugeSeries(input)
        h += histograms(input, totals: totals)
        h += slowTable(r)
        h += errorsTable(r)
        h += "<footer>Generated by perflog · self-contained: no scripts, no network.</footer>\n</body></html>\n"
        return h
    }

    static func sloSection(_ rules: [RuleResult]) -> String {
        var h = "<section id=\"slo\"><h2>SLO check</h2>"
        if rules.isEmpty { return h + "<p class=\"meta\">No rules.</p></section>\n" }
        h += "<p class=\"meta\">\(HTMLText.escape(CheckReportRenderer.summaryLine(rules)))</p>"
        h +=
            "<table><thead><tr><th>state</th><th>rule</th><th>match</th><th>condition</th><th class=\"n\">value</th><th class=\"n\">events</th><th class=\"n\">windows</th><th>severity</th><th>summary</th></tr></thead><tbody>"
        for x in rules {
            let state =
                x.state == .fired
                ? "<span class=\"fired\">FIRED</span>"
                : "<span class=\"\(x.state.rawValue)\">\(x.state.rawValue)</span>"
            let windows = x.rule.forMicroseconds == nil ? "-" : "\(x.heldWindowCount)/\(x.windowCount)"
            h +=
                "<tr><td>\(state)</td><td>\(HTMLText.escape(x.rule.name))</td><td><code>\(HTMLText.escape(x.rule.match.description))</code></td>"
            h +=
                "<td>\(HTMLText.escape(x.rule.conditionText))</td><td class=\"n\">\(HTMLText.escape(x.value.map(x.rule.stat.format) ?? "-"))</td>"
            h +=
                "<td class=\"n\">\(UnitFormat.count(x.count))</td><td class=\"n\">\(windows)</td><td>\(HTMLText.escape(x.rule.severity))</td><td>\(HTMLText.escape(x.rule.summary))</td></tr>"
        }
        return h + "</tbody></table></section>\n"
    }

    static func latencyTable(_ totals: [LatencyCell]) -> String {
        var h =
            "<section id=\"latency\"><h2>Latency by operation</h2><table><thead><tr><th>op</th><th class=\"n\">count</th><th class=\"n\">errors</th><th class=\"n\">error rate</th>"
        for c in ["mean", "p50", "p95", "p99", "max"] { h += "<th class=\"n\">\(c)</th>" }
        h += "</tr></thead><tbody>"
        for c in totals {
            let s = LatencySummary(c.latency)
            h +=
                "<tr><td class=\"op\"><code>\(HTMLText.escape(label(c.group)))</code></td><td class=\"n\">\(UnitFormat.count(c.errors.count))</td>"
            h +=
                "<td class=\"n\">\(UnitFormat.count(c.errors.errors))</td><td class=\"n\">\(UnitFormat.percent(c.errors.errorRate))</td>"
            for v in [s.mean, s.p50, s.p95, s.p99, s.max] { h += "<td class=\"n\">\(s.count == 0 ? "-" : ms(v))</td>" }
            h += "</tr>"
        }
        return h + "</tbody></table></section>\n"
    }

    /// The window starts across the data span, and a label for each.
    static func windows(_ input: Input) -> [Int64] {
        let every = input.everyMicroseconds
        guard every > 0, let f = input.result.input.from, let t = input.result.input.to else { return [] }
        var start = f.microseconds / every * every
        if f.microseconds % every < 0 { start -= every }
        var out: [Int64] = []
        while start <= t.microseconds && out.count < 10_000 {
            out.append(start)
            start += every
        }
        return out
    }

    static func timeLabel(_ us: Int64, spanMicroseconds: Int64, every: Int64) -> String {
        let d = Timestamp(microseconds: us).description  // 2026-11-28T10:00:00.000000Z
        let chars = Array(d)
        guard chars.count >= 19 else { return d }
        let date = String(chars[5..<10])
        let hm = String(chars[11..<16])
        let hms = String(chars[11..<19])
        if every < 60_000_000 { return hms }
        return spanMicroseconds >= 86_400_000_000 ? "\(date) \(hm)" : hm
    }

    static func timeSeries(_ input: Input, totals: [LatencyCell]) -> String {
        var h = "<section id=\"timeseries\"><h2>Latency over time (busiest operations)</h2><div class=\"grid\">"
        let starts = windows(input)
        let span = (starts.last ?? 0) - (starts.first ?? 0)
        let labels = starts.map { timeLabel($0, spanMicroseconds: span, every: input.everyMicroseconds) }
        var byGroup: [[GroupValue]: [Int64: LatencyCell]] = [:]
        for c in input.series.rebucketed(everyMicroseconds: input.everyMicroseconds) {
            if let ws = c.windowStart { byGroup[c.group, default: [:]][ws.microseconds] = c }
        }
        for c in totals.prefix(max(0, input.busiestOps)) where c.latency.count > 0 {
            let cells = byGroup[c.group] ?? [:]
            var p50: [Double?] = []
            var p95: [Double?] = []
            var p99: [Double?] = []
            for s in starts {
                if let cell = cells[s], cell.latency.count > 0 {
                    let q = cell.latency.quantilesNanoseconds([0.5, 0.95, 0.99])
                    p50.append(q[0] / 1e6)
                    p95.append(q[1] / 1e6)
                    p99.append(q[2] / 1e6)
                } else {
                    p50.append(nil)
                    p95.append(nil)
                    p99.append(nil)
                }
            }
            let name = label(c.group)
            h += "<figure><figcaption>\(HTMLText.escape(name))</figcaption>"
            h += SVGChart.line(
                title: "p50, p95 and p99 of \(name) over time",
                series: [
                    .init(name: "p50", color: "#4c78a8", values: p50),
                    .init(name: "p95", color: "#f58518", values: p95),
                    .init(name: "p99", color: "#e45756", values: p99),
                ],
                xLabels: labels, yFormat: axisDuration, width: 560, height: 220)
            h += "</figure>"
        }
        return h + "</div></section>\n"
    }

    static func errorSeries(_ input: Input) -> String {
        let starts = windows(input)
        let span = (starts.last ?? 0) - (starts.first ?? 0)
        var perWindow: [Int64: ErrorCounts] = [:]
        for c in input.series.rebucketed(everyMicroseconds: input.everyMicroseconds) {
            if let ws = c.windowStart { perWindow[ws.microseconds, default: ErrorCounts()].merge(c.errors) }
        }
        func values(_ f: (ErrorCounts) -> Double) -> [Double?] {
            starts.map { s in perWindow[s].flatMap { $0.count > 0 ? f($0) * 100 : nil } }
        }
        var h = "<section id=\"errors\"><h2>Error rate over time</h2><figure><figcaption>all operations</figcaption>"
        h += SVGChart.line(
            title: "Error rate, HTTP 4xx and 5xx rates over time",
            series: [
                .init(name: "errors", color: "#e45756", values: values(\.errorRate)),
                .init(name: "HTTP 5xx", color: "#b279a2", values: values(\.rate5xx)),
                .init(name: "HTTP 4xx", color: "#eeca3b", values: values(\.rate4xx)),
            ],
            xLabels: starts.map { timeLabel($0, spanMicroseconds: span, every: input.everyMicroseconds) },
            yFormat: { SVGChart.tickText($0, step: $1) + "%" }, width: 1100)
        return h + "</figure></section>\n"
    }

    /// One chart per gauge or meter series (resource samples too): its mean, min and max per
    /// window. Nothing when the logs have no gauges.
    static func gaugeSeries(_ input: Input) -> String {
        let gauges = MetricSeriesStats.mergingWindows(input.series.metrics).filter {
            $0.kind == .gauge || $0.kind == .meter
        }
        guard !gauges.isEmpty else { return "" }
        let starts = windows(input)
        let span = (starts.last ?? 0) - (starts.first ?? 0)
        let labels = starts.map { timeLabel($0, spanMicroseconds: span, every: input.everyMicroseconds) }
        var cells: [String: [Int64: MetricSeriesStats]] = [:]
        for m in input.series.metrics {
            guard let ws = m.windowStart else { continue }
            let start = RuleEvaluator.align(ws.microseconds, input.everyMicroseconds)
            if cells[m.seriesKey]?[start] != nil {
                cells[m.seriesKey]![start]!.merge(m)
            } else {
                cells[m.seriesKey, default: [:]][start] = m
            }
        }
        var h = "<section id=\"gauges\"><h2>Gauges over time</h2><div class=\"grid\">"
        for g in gauges {
            let byWindow = cells[g.seriesKey] ?? [:]
            let name = g.labels.isEmpty ? g.op : "\(g.op) (\(g.labelText))"
            h += "<figure><figcaption>\(HTMLText.escape(name))</figcaption>"
            h += SVGChart.line(
                title: "mean, min and max of \(name) over time",
                series: [
                    .init(name: "max", color: "#e45756", values: starts.map { byWindow[$0]?.max }),
                    .init(name: "mean", color: "#4c78a8", values: starts.map { byWindow[$0]?.mean }),
                    .init(name: "min", color: "#54a24b", values: starts.map { byWindow[$0]?.min }),
                ],
                xLabels: labels, yFormat: { SVGChart.tickText($0, step: $1) }, width: 560, height: 220)
            h += "</figure>"
        }
        return h + "</div></section>\n"
    }

    static func histograms(_ input: Input, totals: [LatencyCell]) -> String {
        var h = "<section id=\"histograms\"><h2>Latency distribution per operation</h2>"
        let shown = totals.filter { $0.latency.count > 0 }
        if shown.count > input.histogramOps {
            h +=
                "<p class=\"meta\">The \(input.histogramOps) busiest of \(shown.count) operations (log-scaled bins).</p>"
        } else {
            h += "<p class=\"meta\">Log-scaled bins from the fastest to the slowest event.</p>"
        }
        h += "<div class=\"grid\">"
        for c in shown.prefix(max(0, input.histogramOps)) {
            let bins = c.latency.logBins(24)
            let name = label(c.group)
            let mid = bins.isEmpty ? 0 : (bins[0].lowerNanoseconds * bins[bins.count - 1].upperNanoseconds).squareRoot()
            h += "<figure><figcaption>\(HTMLText.escape(name))</figcaption>"
            h += SVGChart.bars(
                title: "Latency histogram of \(name)",
                bins: bins.map { ("\(ms($0.lowerNanoseconds)) – \(ms($0.upperNanoseconds))", $0.count) },
                axisLabels: bins.isEmpty
                    ? [] : [ms(bins[0].lowerNanoseconds), ms(mid), ms(bins[bins.count - 1].upperNanoseconds)])
            h += "</figure>"
        }
        return h + "</div></section>\n"
    }

    static func slowTable(_ r: AnalysisResult) -> String {
        var h =
            "<section id=\"slow\"><h2>Slow queries</h2><p class=\"meta\">\(UnitFormat.count(r.slowCount)) slow records at or over "
        h += "\(ms(r.spec.slowThresholdMilliseconds * 1e6)), \(r.slowGroupCount) fingerprints.</p>"
        guard !r.slowGroups.isEmpty else { return h + "</section>\n" }
        h +=
            "<table><thead><tr><th>fingerprint</th><th class=\"n\">count</th><th class=\"n\">total</th><th class=\"n\">mean</th><th class=\"n\">p95</th><th class=\"n\">max</th><th>ops</th><th>last seen</th></tr></thead><tbody>"
        for g in r.slowGroups {
            let s = LatencySummary(g.stats)
            h +=
                "<tr><td><code>\(HTMLText.escape(g.fingerprint))</code></td><td class=\"n\">\(UnitFormat.count(s.count))</td>"
            h +=
                "<td class=\"n\">\(ms(Double(g.stats.sumNanoseconds)))</td><td class=\"n\">\(ms(s.mean))</td><td class=\"n\">\(ms(s.p95))</td><td class=\"n\">\(ms(s.max))</td>"
            h +=
                "<td><code>\(HTMLText.escape(g.ops.sorted().joined(separator: ", ")))</code></td><td class=\"t\">\(g.last.map { "\($0)" } ?? "-")</td></tr>"
        }
        return h + "</tbody></table></section>\n"
    }

    static func errorsTable(_ r: AnalysisResult) -> String {
        let t = r.errorsTotal
        var h =
            "<section id=\"top-errors\"><h2>Errors</h2><p class=\"meta\">\(UnitFormat.count(t.errors)) errors in \(UnitFormat.count(t.count)) operations "
        h +=
            "(\(UnitFormat.percent(t.errorRate))); HTTP 4xx \(UnitFormat.percent(t.rate4xx)), 5xx \(UnitFormat.percent(t.rate5xx)).</p>"
        guard !r.topErrors.isEmpty else { return h + "</section>\n" }
        h += "<table><thead><tr><th>error</th><th class=\"n\">count</th></tr></thead><tbody>"
        for e in r.topErrors {
            h +=
                "<tr><td><code>\(HTMLText.escape(e.error ?? "(no error field)"))</code></td><td class=\"n\">\(UnitFormat.count(e.count))</td></tr>"
        }
        return h + "</tbody></table></section>\n"
    }
}
