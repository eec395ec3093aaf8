/// The statistic an SLO rule compares with its threshold.
///
/// Units: the latency statistics (`p50` … `p999`, `mean`, `max`) are in milliseconds,
/// `error_rate` is a fraction (0.05 is 5%), `rate_per_min` is matching `perf` events per minute.
public enum SLOStat: String, Sendable, CaseIterable {
    /// The median latency (ms).
    case p50
    /// The 90th percentile latency (ms).
    case p90
    /// The 95th percentile latency (ms).
    case p95
    /// The 99th percentile latency (ms).
    case p99
    /// The 99.9th percentile latency (ms).
    case p999
    /// The mean latency (ms).
    case mean
    /// The largest latency (ms).
    case max
    /// Errors over matching `perf` events, a fraction.
    case errorRate = "error_rate"
    /// Matching `perf` events per minute of the input's time span.
    case ratePerMinute = "rate_per_min"
    /// Counters: the summed rate per second of the matching counter series (their `delta` over
    /// the time their lines cover).
    case counterRatePerSecond = "rate_per_s"
    /// Gauges and meters (and resource samples): the largest value of the matching series.
    case gaugeMax = "gauge_max"
    /// Gauges and meters (and resource samples): the mean of the matching series' values.
    case gaugeMean = "gauge_mean"

    /// Whether the statistic reads metric lines (counters, gauges) instead of `perf` events.
    public var isMetric: Bool {
        switch self {
        case .counterRatePerSecond, .gaugeMax, .gaugeMean: true
        default: false
        }
    }

    /// The statistic's value over metric series, or `nil` without a matching series.
    public func value(metrics: [MetricSeriesStats]) -> Double? {
        switch self {
        case .counterRatePerSecond:
            let counters = metrics.filter { $0.kind == .counter && $0.intervalMicroseconds > 0 }
            return counters.isEmpty ? nil : counters.reduce(0) { $0 + ($1.ratePerSecond ?? 0) }
        case .gaugeMax:
            return metrics.filter { $0.kind == .gauge || $0.kind == .meter }.compactMap(\.max).max()
        case .gaugeMean:
            let g = metrics.filter { ($0.kind == .gauge || $0.kind == .meter) && $0.count > 0 }
            let n = g.reduce(Int64(0)) { $0 + $1.count }
            return n == 0 ? nil : g.reduce(0.0) { $0 + $1.sum } / Double(n)
        default:
            return nil
        }
    }

    /// Whether the statistic is a latency (milliseconds).
    public var isLatency: Bool {
        switch self {
        case .errorRate, .ratePerMinute, .counterRatePerSecond, .gaugeMax, .gaugeMean: false
        default: true
        }
    }

    /// The statistic's value over a set of matching events, or `nil` when it has no value (no
    /// events with a duration for a latency, no events for a rate).
    ///
    /// - Parameters:
    ///   - latency: the durations of the matching `perf` events.
    ///   - errors: the counts of the matching `perf` events.
    ///   - minutes: the length of the time the events cover, in minutes (for `rate_per_min`).
    /// - Returns: milliseconds, a fraction, or events per minute (see the type's discussion).
    public func value(latency: LatencyStats, errors: ErrorCounts, minutes: Double) -> Double? {
        switch self {
        case .errorRate:
            return errors.count == 0 ? nil : errors.errorRate
        case .ratePerMinute:
            return minutes > 0 ? Double(errors.count) / minutes : nil
        case .counterRatePerSecond, .gaugeMax, .gaugeMean:
            return nil
        default:
            guard latency.count > 0 else { return nil }
            let ns: Double
            switch self {
            case .p50: ns = latency.quantileNanoseconds(0.5)
            case .p90: ns = latency.quantileNanoseconds(0.9)
            case .p95: ns = latency.quantileNanoseconds(0.95)
            case .p99: ns = latency.quantileNanoseconds(0.99)
            case .p999: ns = latency.quantileNanoseconds(0.999)
            case .mean: ns = latency.meanNanoseconds
            default: ns = Double(latency.maxNanoseconds)
            }
            return ns / 1_000_000
        }
    }

    /// A number written with at most one of `units` after it (the first whose suffix `text` has),
    /// times that unit's factor (a bare number: times 1); `nil` when the number is unreadable or
    /// not finite.
    static func number(_ text: String, units: [(suffix: String, factor: Double)]) -> Double? {
        var body = Substring(text)
        var factor = 1.0
        for unit in units where body.hasSuffix(unit.suffix) {
            body = body.dropLast(unit.suffix.count)
            factor = unit.factor
            break
        }
        guard let v = Double(body.trimmingCharacters(in: " ")), v.isFinite else { return nil }
        return v * factor
    }

    /// Parses a threshold written for this statistic.
    ///
    /// - latency: a duration with a unit (`200ms`, `0.2s`, `1.5s`); a bare number is milliseconds;
    /// - `error_rate`: a percentage (`5%`) or a fraction from 0 to 1 (`0.05`);
    /// - `rate_per_min`: a number of events per minute (`600`, `600/min`), or per second (`10/s`).
    /// - Returns: the threshold in the statistic's unit, or `nil` with a message when it is invalid.
    public func parseThreshold(_ text: String) -> Result<Double, ThresholdError> {
        let t = text.trimmingCharacters(in: " \t")
        switch self {
        case .errorRate:
            if t.hasSuffix("%"), let v = Double(t.dropLast().trimmingCharacters(in: " ")), v.isFinite, v >= 0, v <= 100
            {
                return .success(v / 100)
            }
            if let v = Double(t), v.isFinite, v >= 0, v <= 1 { return .success(v) }
            return .failure(
                ThresholdError(
                    message:
                        "an error_rate threshold is a percentage (5%) or a fraction from 0 to 1 (0.05), not '\(text)'"))
        case .ratePerMinute:
            if let v = Self.number(t, units: [("/min", 1), ("/s", 60)]), v >= 0 { return .success(v) }
            return .failure(
                ThresholdError(
                    message:
                        "a rate_per_min threshold is events per minute (600 or 600/min) or per second (10/s), not '\(text)'"
                ))
        case .counterRatePerSecond:
            if let v = Self.number(t, units: [("/s", 1), ("/min", 1.0 / 60)]), v >= 0 { return .success(v) }
            return .failure(
                ThresholdError(
                    message:
                        "a rate_per_s threshold is a counter's increments per second (10 or 10/s) or per minute (600/min), not '\(text)'"
                ))
        case .gaugeMax, .gaugeMean:
            let units = [("GB", 1_073_741_824.0), ("MB", 1_048_576.0), ("KB", 1024.0), ("%", 1.0)]
            if let v = Self.number(t, units: units) { return .success(v) }
            return .failure(
                ThresholdError(
                    message:
                        "a \(rawValue) threshold is a number in the gauge's unit, optionally with KB, MB or GB (powers of 1024) or %, not '\(text)'"
                ))
        default:
            do {
                return .success(try DurationSpec.parseMilliseconds(t))
            } catch {
                return .failure(
                    ThresholdError(
                        message:
                            "a \(rawValue) threshold is a duration such as 200ms or 1.5s (a bare number is milliseconds), not '\(text)'"
                    ))
            }
        }
    }

    /// A value of this statistic for people: `212.4 ms`, `5.00%`, `612.0/min`.
    public func format(_ value: Double) -> String {
        switch self {
        case .errorRate: UnitFormat.percent(value)
        case .ratePerMinute: JSONWriter.fixed(value, decimals: 1) + "/min"
        case .counterRatePerSecond: JSONWriter.fixed(value, decimals: 3) + "/s"
        case .gaugeMax, .gaugeMean: ReportDocument.metricNumber(value)
        default: UnitFormat.duration(nanoseconds: value * 1_000_000)
        }
    }

    /// A value of this statistic for JSON: milliseconds with three decimals, a fraction with six,
    /// events per minute with three.
    public func jsonNumber(_ value: Double) -> String {
        switch self {
        case .errorRate: JSONWriter.fixed(value, decimals: 6)
        default: JSONWriter.fixed(value, decimals: 3)
        }
    }

    /// The key a statistic's value has in JSON output (`p95_ms`, `error_rate`, `rate_per_min`).
    public var jsonKey: String { isLatency ? rawValue + "_ms" : rawValue }
}

/// Why a threshold could not be read.
public struct ThresholdError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the threshold.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
