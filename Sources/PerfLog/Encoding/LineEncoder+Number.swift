extension LineEncoder {
    /// Appends a decimal integer.
    @inlinable
    public mutating func appendInt(_ value: Int64) {
        reserve(20)
        if value < 0 {
            base[count] = 0x2D
            count &+= 1
        }
        appendDigits(value.magnitude)
    }

    /// Appends the decimal digits of `value`; the caller has reserved 20 bytes.
    ///
    /// Values below 1,000 (statuses, most whole milliseconds) are written without a loop; larger
    /// ones are written backwards in place, two digits at a time from the "00"…"99" table: a
    /// third of the instructions of a scratch buffer and memcpy (BENCHMARKS.md).
    @inlinable @inline(__always)
    mutating func appendDigits(_ value: UInt64) {
        let pairs = LineEncoder.digitPairs.utf8Start
        var v = value
        if v < 10 {
            base[count] = UInt8(truncatingIfNeeded: 0x30 &+ v)
            count &+= 1
            return
        }
        if v < 100 {
            let r = Int(v)
            base[count] = pairs[2 &* r]
            base[count &+ 1] = pairs[2 &* r &+ 1]
            count &+= 2
            return
        }
        if v < 1000 {
            let h = v / 100
            let r = Int(v &- h &* 100)
            base[count] = UInt8(truncatingIfNeeded: 0x30 &+ h)
            base[count &+ 1] = pairs[2 &* r]
            base[count &+ 2] = pairs[2 &* r &+ 1]
            count &+= 3
            return
        }
        var digits = 4
        var t = v / 10_000
        while t > 0 {
            t /= 10
            digits &+= 1
        }
        var i = count &+ digits
        while v >= 100 {
            let r = Int(v % 100)
            v /= 100
            i &-= 2
            base[i] = pairs[2 &* r]
            base[i &+ 1] = pairs[2 &* r &+ 1]
        }
        if v >= 10 {
            let r = Int(v)
            base[i &- 2] = pairs[2 &* r]
            base[i &- 1] = pairs[2 &* r &+ 1]
        } else {
            base[i &- 1] = UInt8(truncatingIfNeeded: 0x30 &+ v)
        }
        count &+= digits
    }

    /// "00" … "99", for writing two digits at a time.
    @usableFromInline
    static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Appends a millisecond value with microsecond resolution: rounded to the nearest
    /// microsecond, trailing zeros of the fraction dropped, at least one fraction digit
    /// (`12.345`, `16.14`, `100.0`, `0.001`). Non-finite values are written as `null`.
    ///
    /// Magnitudes of 9e12 ms (285 years) and more, which no duration reaches, fall back to Swift's
    /// shortest round-trip form (`9e+15`), still a valid JSON number.
    ///
    /// - Parameter milliseconds: the value in milliseconds.
    @inlinable
    public mutating func appendMilliseconds(_ milliseconds: Double) {
        guard milliseconds.isFinite else {
            appendStatic("null")
            return
        }
        let x = milliseconds * 1000
        guard x.magnitude < 9e15 else {
            appendLargeNumber(milliseconds)
            return
        }
        appendMicrosAsMilliseconds(Rounding.halfAwayFromZero(x))
    }

    /// Appends an integer number of microseconds as milliseconds (see ``appendMilliseconds(_:)``).
    @inlinable
    public mutating func appendMicrosAsMilliseconds(_ micros: Int64) {
        reserve(25)
        var m = micros
        if m < 0 {
            base[count] = 0x2D
            count &+= 1
            m = m == .min ? .max : -m
        }
        let whole = m / 1000
        let frac = Int(m &- whole &* 1000)
        appendDigits(UInt64(whole))
        // The three fraction digits are always written; the length drops the trailing zeros,
        // keeping at least one digit (".0", ".1", ".12", ".005").
        let d1 = frac / 100
        let r = frac &- d1 &* 100
        let d2 = r / 10
        let d3 = r &- d2 &* 10
        base[count] = 0x2E
        base[count &+ 1] = UInt8(truncatingIfNeeded: 0x30 &+ d1)
        base[count &+ 2] = UInt8(truncatingIfNeeded: 0x30 &+ d2)
        base[count &+ 3] = UInt8(truncatingIfNeeded: 0x30 &+ d3)
        count &+= d3 != 0 ? 4 : d2 != 0 ? 3 : 2
    }

    @usableFromInline
    mutating func appendLargeNumber(_ v: Double) {
        var s = v.description
        s.withUTF8 { appendRaw(UnsafeRawBufferPointer($0)) }
    }
}
