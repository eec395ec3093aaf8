/// Parses durations written with units: `250ms`, `1.5s`, `2m`, `1h`, `1d`, `500us` (or `500µs`).
///
/// ```swift
/// try DurationSpec.parseMilliseconds("1.5s")   // 1500.0
/// try DurationSpec.parseMilliseconds("250")    // 250.0 (a bare number is milliseconds)
/// try DurationSpec.parseInterval("5m")         // 300_000_000 (microseconds)
/// ```
public enum DurationSpec {
    /// Milliseconds per unit, by unit name (`""` is a bare number: milliseconds).
    static func millisecondsPerUnit(_ unit: Substring) -> Double? {
        switch unit {
        case "": 1
        case "ns": 1e-6
        case "us", "µs", "μs": 1e-3
        case "ms": 1
        case "s", "sec": 1000
        case "m", "min": 60_000
        case "h": 3_600_000
        case "d": 86_400_000
        case "w": 604_800_000
        default: nil
        }
    }

    /// Splits `text` into its number and unit, or nil when it does not start with a number.
    static func split(_ text: Substring) -> (Double, Substring)? {
        var end = text.startIndex
        var sawDigit = false
        var sawExponent = false
        while end < text.endIndex {
            let c = text[end]
            if c.isASCII && c.isNumber {
                sawDigit = true
            } else if c == "." {
            } else if (c == "e" || c == "E") && sawDigit && !sawExponent {
                // Only an exponent when a digit (or a sign and a digit) follows.
                let next = text.index(after: end)
                guard next < text.endIndex else { break }
                var k = next
                if text[k] == "+" || text[k] == "-" { k = text.index(after: k) }
                guard k < text.endIndex, text[k].isASCII, text[k].isNumber else { break }
                sawExponent = true
                end = k
                continue
            } else {
                break
            }
            end = text.index(after: end)
        }
        guard sawDigit, let v = Double(text[text.startIndex..<end]), v.isFinite else { return nil }
        return (v, text[end...])
    }

    /// Milliseconds in a duration such as `1.5s`, `250ms`, `250` (milliseconds), `2m`, `1h`,
    /// `500us`.
    ///
    /// - Parameters:
    ///   - text: the duration; it must be finite and not negative.
    ///   - argument: the argument's name for the error message, e.g. `--threshold`.
    /// - Returns: the milliseconds, finite and at least 0.
    /// - Throws: ``FilterArgumentError`` with code `invalidDuration`, also when the duration in
    ///   milliseconds is too large for a `Double` (`1e301w`).
    public static func parseMilliseconds(_ text: String, argument: String? = nil) throws(FilterArgumentError) -> Double
    {
        let t = text.trimmingSpaces
        guard let (v, unit) = split(t[...]), let factor = millisecondsPerUnit(unit) else {
            throw FilterArgumentError(
                .invalidDuration, argument: argument, value: text,
                message:
                    "expected a number with an optional unit: 250ms, 1.5s, 2m, 1h, 500us; a bare number is milliseconds"
            )
        }
        let ms = v * factor
        guard ms.isFinite else {
            throw FilterArgumentError(
                .invalidDuration, argument: argument, value: text, message: "longer than any duration can be")
        }
        return ms
    }

    /// The length of an interval such as `5m`, `30s`, `1h` (for `--every`), in microseconds.
    ///
    /// - Throws: ``FilterArgumentError`` with code `invalidInterval` when there is no unit, the
    ///   text is not a duration, or it is shorter than one microsecond.
    public static func parseInterval(_ text: String, argument: String? = nil) throws(FilterArgumentError) -> Int64 {
        let t = text.trimmingSpaces
        guard let (v, unit) = split(t[...]), !unit.isEmpty, let factor = millisecondsPerUnit(unit) else {
            throw FilterArgumentError(
                .invalidInterval, argument: argument, value: text,
                message: "expected a number with a unit: 30s, 5m, 1h, 1d")
        }
        let us = (v * factor * 1000).rounded()
        guard us >= 1 else {
            throw FilterArgumentError(
                .invalidInterval, argument: argument, value: text, message: "the interval must be at least 1us")
        }
        // 9.2e18 us (about 292,000 years) is the most a 64-bit count of microseconds holds.
        guard us < 9.2e18 else {
            throw FilterArgumentError(
                .invalidInterval, argument: argument, value: text, message: "the interval must be under 292,000 years")
        }
        return Int64(us)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
