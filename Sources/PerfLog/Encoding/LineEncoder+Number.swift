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
        // Write digits backwards into a 20-byte scratch tuple, then copy.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let n = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
            var i = 24
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10)
                v /= 10
            } while v != 0
            (base + count).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, count: 24 - i)
            return 24 - i
        }
        count &+= n
    }

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
