extension LineEncoder {
    /// Appends a decimal integer.
    @inlinable
    public mutating func appendInt(_ value: Int64) {
        reserve(20)
        var v = value.magnitude
        if value < 0 {
            base[count] = 0x2D
            count &+= 1
        }
        // Count the digits, then write them backwards in place, two at a time from the "00"…"99"
        // table (callgrind: ~25 instructions for a 3-digit status instead of ~85 through a scratch
        // buffer and memcpy).
        var digits = 1
        var t = v
        while t >= 10 {
            t /= 10
            digits &+= 1
        }
        let pairs = LineEncoder.digitPairs.utf8Start
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
        let micros = (milliseconds * 1000).rounded()
        guard micros.magnitude < 9e15 else {
            appendLargeNumber(milliseconds)
            return
        }
        appendMicrosAsMilliseconds(Int64(micros))
    }

    /// Appends an integer number of microseconds as milliseconds (see ``appendMilliseconds(_:)``).
    @inlinable
    public mutating func appendMicrosAsMilliseconds(_ micros: Int64) {
        var m = micros
        if m < 0 {
            appendByte(0x2D)
            m = m == .min ? .max : -m
        }
        appendInt(m / 1000)
        var frac = Int(m % 1000)
        reserve(4)
        base[count] = 0x2E
        count &+= 1
        if frac == 0 {
            base[count] = 0x30
            count &+= 1
            return
        }
        var digits = 3
        while frac % 10 == 0 {
            frac /= 10
            digits -= 1
        }
        var i = digits
        while i > 0 {
            i -= 1
            base[count + i] = UInt8(truncatingIfNeeded: 0x30 + frac % 10)
            frac /= 10
        }
        count &+= digits
    }

    @usableFromInline
    mutating func appendLargeNumber(_ v: Double) {
        var s = v.description
        s.withUTF8 { appendRaw(UnsafeRawBufferPointer($0)) }
    }
}
