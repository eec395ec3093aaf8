import PerfLog

/// Parses `--since`/`--until` values: an RFC 3339 time, a date, `now`, or a time relative to now.
///
/// - RFC 3339 / ISO 8601 as ``Timestamp/init(parsing:)`` reads it: `2026-11-28T10:00:00Z`,
///   `2026-11-28 10:00:00+01:00`, `2026-11-28T10:00:00` (no zone: UTC);
/// - a date alone, `2026-11-28`: midnight UTC;
/// - relative: `15m`, `2h`, `1d`, `30s`, `1w`, combinations such as `1h30m`, with an optional
///   leading `-` or trailing ` ago`: that long before `now`;
/// - `now`.
///
/// ```swift
/// let now = Timestamp.now()
/// try TimeSpec.parse("2h", now: now)   // now minus two hours
/// ```
public enum TimeSpec {
    /// The time `text` denotes.
    ///
    /// - Parameters:
    ///   - text: the value given.
    ///   - now: the reference for relative times.
    ///   - argument: the argument's name for the error message, e.g. `--since`.
    /// - Throws: ``FilterArgumentError`` with code `invalidTime`.
    public static func parse(_ text: String, now: Timestamp, argument: String? = nil) throws(FilterArgumentError)
        -> Timestamp
    {
        let t = text.trimmingSpaces
        if t == "now" { return now }
        if let ts = Timestamp(parsing: t) { return ts }
        if t.utf8.count == 10, let ts = Timestamp(parsing: t + "T00:00:00Z") { return ts }
        if let us = relativeMicroseconds(t) { return Timestamp(microseconds: now.microseconds - us) }
        throw FilterArgumentError(
            .invalidTime, argument: argument, value: text,
            message: "expected RFC 3339 such as 2026-11-28T10:00:00Z, a date such as 2026-11-28, "
                + "or a relative time such as 15m, 2h, 1d, 1w")
    }

    /// Microseconds in a relative time such as `1h30m`, `-15m` or `2h ago`, or nil.
    static func relativeMicroseconds(_ text: String) -> Int64? {
        var s = Substring(text)
        if s.hasSuffix(" ago") { s = s.dropLast(4) }
        if s.hasPrefix("-") { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var total = 0.0
        while !s.isEmpty {
            guard let (v, rest) = DurationSpec.split(s) else { return nil }
            let unitEnd = rest.firstIndex(where: { $0.isNumber || $0 == "." }) ?? rest.endIndex
            let unit = rest[rest.startIndex..<unitEnd]
            guard !unit.isEmpty, let factor = DurationSpec.millisecondsPerUnit(unit) else {
                return nil
            }
            total += v * factor * 1000
            s = rest[unitEnd...]
        }
        guard total.isFinite, total >= 0, total < 9.2e18 else { return nil }
        return Int64(total.rounded())
    }
}
