/// Parses JSON decimal numbers from bytes without allocating.
///
/// Numbers with at most 15 significant digits and a decimal exponent within ±22 (all durations the
/// writer produces, `41.155`, `0.5`, `1500`) take Clinger's fast path: one exact integer and one
/// multiplication or division by an exact power of ten, which is correctly rounded. Anything else
/// (more digits, huge exponents) falls back to `strtod`, so every result is the correctly rounded
/// double. `1e999` gives `+infinity`; callers decide what to do with non-finite values.
enum DecimalParser {
    /// 10^e for 0 <= e <= 22 (every one exactly representable), from a table: a `switch` over
    /// the exponent compiled to an indirect jump, the slowest step of parsing a duration.
    @inline(__always)
    static func powerOfTen(_ e: Int) -> Double {
        powers[min(max(e, 0), 22)]
    }

    private static let powers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of the JSON number in `b` (the whole buffer) times 10^`scale`, or `nil` when `b`
    /// is not one. Scaling is exact on the fast path (`0.123` with scale 3 is exactly `123`).
    @inline(__always)
    static func parse(_ b: UnsafeRawBufferPointer, scale: Int = 0) -> Double? {
        guard let base = b.baseAddress, b.count > 0 else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = b.count
        var i = 0
        let negative = p[0] == 0x2D
        if negative { i = 1 }
        // Fast path: `digits[.digits]` with at most 15 digits in all (every duration the writer
        // produces): one exact integer, one exact power of ten.
        if i < n && (p[i] &- 0x30) < 10 {
            var m: UInt64 = 0
            var fraction = 0
            if plainDigits(p, i, n, mantissa: &m, fraction: &fraction) == n {
                let e = scale &- fraction
                var v = Double(m)
                if e < 0 { v /= powerOfTen(-e) } else if e > 0 { v *= powerOfTen(e) }
                return negative ? -v : v
            }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exp10 = 0
        var exact = true
        let intStart = i
        while i < n {
            let d = p[i] &- 0x30
            guard d < 10 else { break }
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { digits &+= 1 }
            } else {
                exp10 &+= 1
                if d != 0 { exact = false }
            }
            i &+= 1
        }
        guard i > intStart else { return nil }
        if i < n && p[i] == 0x2E {
            i &+= 1
            let fracStart = i
            while i < n {
                let d = p[i] &- 0x30
                guard d < 10 else { break }
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { digits &+= 1 }
                    exp10 &-= 1
                } else if d != 0 {
                    exact = false
                }
                i &+= 1
            }
            guard i > fracStart else { return nil }
        }
        if i < n && (p[i] | 0x20) == 0x65 {
            i &+= 1
            var expNegative = false
            if i < n && (p[i] == 0x2B || p[i] == 0x2D) {
                expNegative = p[i] == 0x2D
                i &+= 1
            }
            let expStart = i
            var e = 0
            while i < n {
                let d = p[i] &- 0x30
                guard d < 10 else { break }
                if e < 100_000 { e = e &* 10 &+ Int(d) }
                i &+= 1
            }
            guard i > expStart else { return nil }
            exp10 = expNegative ? exp10 &- e : exp10 &+ e
        }
        guard i == n else { return nil }
        exp10 &+= scale
        if exact && mantissa <= (1 << 53) && exp10 >= -22 && exp10 <= 22 {
            var v = Double(mantissa)
            if exp10 < 0 {
                v /= powerOfTen(-exp10)
            } else if exp10 > 0 {
                v *= powerOfTen(exp10)
            }
            return negative ? -v : v
        }
        if mantissa == 0 && exact { return negative ? -0.0 : 0 }
        guard scale != 0 else { return JSONValueRef.parseDouble(b) }
        return JSONValueRef.parseDouble(b).map { $0 * DecimalParser.power(scale) }
    }

    /// Scans and parses, in one pass, a non-negative JSON number of the plain form the writer
    /// uses for durations (`41.155`, `0`, `1500`: no sign, no exponent, at most 15 digits),
    /// starting at `i` (a digit) and bounded by `end`.
    ///
    /// - Returns: the index just past the number, where ``JSONSyntax/scanNumber(_:_:_:fail:)``
    ///   stops, with `value` set to what ``parse(_:scale:)`` gives for its bytes; or -1 (with
    ///   `value` unspecified) for any other number, valid or not, which the caller then scans and
    ///   parses the general way.
    @inline(__always)
    static func scanPlain(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, value: inout Double) -> Int {
        var m: UInt64 = 0
        var fraction = 0
        let stop = plainDigits(p, i, end, mantissa: &m, fraction: &fraction)
        // `parse`'s fast path, step for step: one exact integer, one exact power of ten.
        var v = Double(m)
        if fraction > 0 { v /= powerOfTen(fraction) }
        value = v
        return stop
    }

    /// The digits of a plain number starting at `i` (a digit), bounded by `end`: the integer
    /// part (as in JSON, a leading `0` is the whole of it), then an optional `.` and fraction,
    /// at most 15 digits in all, not followed by an exponent.
    ///
    /// - Returns: the index just past the number, with `mantissa` the digits as one integer and
    ///   `fraction` the number of fraction digits; or -1 for any other form.
    @inline(__always)
    static func plainDigits(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, mantissa: inout UInt64, fraction: inout Int
    ) -> Int {
        var j = i
        var m: UInt64 = 0
        if p[j] == 0x30 {
            j &+= 1
        } else {
            while j < end {
                let d = p[j] &- 0x30
                guard d < 10 else { break }
                m = m &* 10 &+ UInt64(d)
                j &+= 1
            }
        }
        var digits = j &- i
        var f = 0
        if j < end && p[j] == 0x2E {
            j &+= 1
            let s = j
            while j < end {
                let d = p[j] &- 0x30
                guard d < 10 else { break }
                m = m &* 10 &+ UInt64(d)
                j &+= 1
            }
            f = j &- s
            guard f > 0 else { return -1 }
            digits &+= f
        }
        guard digits <= 15, j == end || (p[j] | 0x20) != 0x65 else { return -1 }
        mantissa = m
        fraction = f
        return j
    }

    private static func power(_ e: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(e) { v *= 10 }
        return e < 0 ? 1 / v : v
    }

    /// The value of a JSON integer in `b` when it is one and fits an `Int`; numbers with a
    /// fraction or exponent are accepted when their value is integral (`200.0`, `2e2`).
    @inline(__always)
    static func parseInt(_ b: UnsafeRawBufferPointer) -> Int? {
        guard let base = b.baseAddress, b.count > 0, b.count <= 18 else {
            return parse(b).flatMap { Int(exactly: $0) }
        }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var i = 0
        let negative = p[0] == 0x2D
        if negative { i = 1 }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            let d = p[i] &- 0x30
            guard d < 10 else { return parse(b).flatMap { Int(exactly: $0) } }
            v = v &* 10 &+ Int(d)
            i &+= 1
        }
        return negative ? -v : v
    }
}
