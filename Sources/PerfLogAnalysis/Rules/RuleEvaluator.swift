import PerfLog

/// Evaluates SLO rules from the one aggregation engine.
///
/// Each rule is one ``AnalysisLane`` (its match as the lane's filter, no grouping, its `for` as
/// the window), so `check` evaluates every rule in one pass over the input:
/// ```swift
/// let lanes = RuleEvaluator.checkLanes(rules)   // a base lane, then one lane per rule
/// let results = AnalysisEngine.run(sources: sources, lanes: lanes, filter: filter, options: options)
/// let outcome = RuleEvaluator.evaluateCheck(rules, results: results)
/// ```
///
/// Semantics (docs/CHECK.md):
/// - the statistic is computed over the `perf` events the rule matches (after the command's own
///   filters); fewer than `min_count` events (default 1) is `no-data`, which never fires;
/// - without `for`, the rule fires when `stat op threshold` holds over all matching events;
/// - with `for: W`, the data span (first to last timestamp of every record the command read) is
///   cut into windows of length W aligned to multiples of W since the Unix epoch (UTC), as
///   `--every` does; the rule fires when the condition holds in EVERY window of the span, so a
///   breach confined to part of the data does not fire it (like Prometheus' `for`, which needs the
///   condition to stay true for the whole duration). A window without enough matching events
///   does not hold. Check a recent period with `--since`, e.g. `--since 15m` with `for: 5m`.
///   Memory follows the windows that hold matching events, not the span: the windows between
///   them are evaluated once, as one run (``RuleWindow/length``);
/// - `rate_per_min` divides the matching events by the span's length in minutes (at least one
///   minute), or by W in a window; it is 0 (not no-data) without events, so `rate_per_min < 10`
///   fires when traffic stops. Without any timestamp in the data it has no value.
public enum RuleEvaluator {
    /// One lane per rule, in order.
    public static func lanes(for rules: [SLORule]) -> [AnalysisLane] {
        rules.map { rule in
            // A rule on metrics matches its op globs against the series' op (`process.rss_bytes`
            // is a series of a `resource` record whose op is `process`), so only `where` filters
            // the records.
            AnalysisLane(
                spec: AnalysisSpec(
                    groupBy: [], everyMicroseconds: rule.forMicroseconds,
                    slowThresholdMilliseconds: AnalysisSpec.noSlowQueries, top: 1),
                filter: rule.stat.isMetric ? RuleMatch(where: rule.match.where).filter : rule.match.filter)
        }
    }

    /// Evaluates every rule from its lane's result (``lanes(for:)`` order).
    ///
    /// - Parameters:
    ///   - rules: the rules.
    ///   - laneResults: one result per rule.
    ///   - span: first and last timestamp of the data (`nil` when no record had one).
    public static func evaluate(_ rules: [SLORule], laneResults: [AnalysisResult], span: ClosedRange<Timestamp>?)
        -> [RuleResult]
    {
        zip(rules, laneResults).map { evaluate($0, result: $1, span: span) }
    }

    /// Evaluates one rule from an analysis of its matching records (any grouping; windows, if
    /// any, must divide the rule's `for`).
    public static func evaluate(_ rule: SLORule, result: AnalysisResult, span: ClosedRange<Timestamp>?) -> RuleResult {
        if rule.stat.isMetric { return evaluateMetric(rule, result: result, span: span) }
        var latency = LatencyStats()
        var errors = ErrorCounts()
        for c in result.rows {
            latency.merge(c.latency)
            errors.merge(c.errors)
        }
        let spanMinutes =
            span.map { max(1, Double($0.upperBound.microseconds - $0.lowerBound.microseconds) / 60_000_000) } ?? 0
        let overall = value(rule, latency: latency, errors: errors, minutes: spanMinutes)
        guard let every = rule.forMicroseconds else {
            let state: RuleState =
                overall == nil ? .noData : (rule.comparison.holds(overall!, rule.threshold) ? .fired : .ok)
            return RuleResult(rule: rule, count: errors.count, value: overall, state: state)
        }
        var windows: [RuleWindow] = []
        if let span {
            let minutes = Double(every) / 60_000_000
            let first = align(span.lowerBound.microseconds, every)
            let last = align(span.upperBound.microseconds, every)
            // Every window without matching events has the same value (no-data, or a rate of 0).
            let emptyValue = value(rule, latency: LatencyStats(), errors: ErrorCounts(), minutes: minutes)
            let emptyHolds = emptyValue.map { rule.comparison.holds($0, rule.threshold) } ?? false
            func addEmpty(from start: Int64, through end: Int64) {
                guard start <= end else { return }
                windows.append(
                    RuleWindow(
                        start: Timestamp(microseconds: start), length: (end - start) / every + 1, count: 0,
                        value: emptyValue,
                        holds: emptyHolds))
            }
            let cells = result.rebucketed(everyMicroseconds: every)
                .compactMap { c in c.windowStart.map { ($0.microseconds, c) } }
                .filter { $0.0 >= first && $0.0 <= last }
                .sorted { $0.0 < $1.0 }
            var next = first
            for (start, cell) in cells {
                addEmpty(from: next, through: start - every)
                let v = value(rule, latency: cell.latency, errors: cell.errors, minutes: minutes)
                windows.append(
                    RuleWindow(
                        start: Timestamp(microseconds: start), count: cell.errors.count, value: v,
                        holds: v.map { rule.comparison.holds($0, rule.threshold) } ?? false))
                next = start + every
            }
            addEmpty(from: next, through: last)
        }
        let state: RuleState
        if windows.allSatisfy({ $0.value == nil }) {
            state = .noData
        } else {
            state = windows.allSatisfy(\.holds) ? .fired : .ok
        }
        return RuleResult(rule: rule, count: errors.count, value: overall, state: state, windows: windows)
    }

    static func value(_ rule: SLORule, latency: LatencyStats, errors: ErrorCounts, minutes: Double) -> Double? {
        guard !rule.stat.isMetric else { return nil }
        if rule.stat == .ratePerMinute {
            // A rate has a value even without events (0/min), so a rule can fire when traffic stops.
            return rule.stat.value(latency: latency, errors: errors, minutes: minutes)
        }
        let n = rule.stat.isLatency ? latency.count : errors.count
        guard n >= rule.minCount else { return nil }
        return rule.stat.value(latency: latency, errors: errors, minutes: minutes)
    }

    /// A rule on metric lines: the statistic over the matching series, overall and, with `for`,
    /// per window of the span (the lane's windows are the rule's `for`).
    static func evaluateMetric(_ rule: SLORule, result: AnalysisResult, span: ClosedRange<Timestamp>?) -> RuleResult {
        let globs = rule.match.opGlobs.map(GlobPattern.init)
        let metrics = result.metrics.filter { m in globs.isEmpty || globs.contains { $0.matches(m.op) } }
        let lines = metrics.reduce(Int64(0)) { $0 + $1.lines }
        func value(_ series: [MetricSeriesStats]) -> Double? {
            let n = series.reduce(Int64(0)) { $0 + $1.lines }
            guard n > 0, n >= rule.minCount else { return nil }
            return rule.stat.value(metrics: series)
        }
        let overall = value(MetricSeriesStats.mergingWindows(metrics))
        guard let every = rule.forMicroseconds else {
            let state: RuleState =
                overall == nil ? .noData : (rule.comparison.holds(overall!, rule.threshold) ? .fired : .ok)
            return RuleResult(rule: rule, count: lines, value: overall, state: state)
        }
        var windows: [RuleWindow] = []
        if let span {
            var byWindow: [Int64: [MetricSeriesStats]] = [:]
            for m in metrics {
                guard let ws = m.windowStart else { continue }
                byWindow[align(ws.microseconds, every), default: []].append(m)
            }
            var start = align(span.lowerBound.microseconds, every)
            let last = align(span.upperBound.microseconds, every)
            while start <= last {
                let series = MetricSeriesStats.mergingWindows(byWindow[start] ?? [])
                let v = value(series)
                windows.append(
                    RuleWindow(
                        start: Timestamp(microseconds: start), count: series.reduce(0) { $0 + $1.lines }, value: v,
                        holds: v.map { rule.comparison.holds($0, rule.threshold) } ?? false))
                start += every
            }
        }
        let state: RuleState =
            windows.allSatisfy({ $0.value == nil }) ? .noData : (windows.allSatisfy(\.holds) ? .fired : .ok)
        return RuleResult(rule: rule, count: lines, value: overall, state: state, windows: windows)
    }

    static func align(_ us: Int64, _ every: Int64) -> Int64 {
        var q = us / every
        if us % every < 0 { q -= 1 }
        return q * every
    }
}
