#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point in time as written in the `ts` field: microseconds since the Unix epoch, UTC.
///
/// Format v1 writes `2026-11-28T10:00:00.123456Z` (always 27 bytes). Parsing is lenient so that
/// lines from other tools are read too: any number of fraction digits (`.` or `,`), `T` or a space
/// between date and time, `Z`, `z` or a numeric offset (`+01:00`, `-0500`), or no zone (UTC).
///
/// ```swift
/// let ts = Timestamp(microseconds: 1_795_860_000_123_456)
/// ts.description                                   // "2026-11-28T10:00:00.123456Z"
/// Timestamp(parsing: "2026-11-28 10:00:00,123")   // the seed's Python format
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    /// The number of bytes ``write(into:)`` produces.
    public static let encodedLength = 27

    /// A timestamp `microseconds` after the Unix epoch (negative: before it).
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The wall-clock time now (CLOCK_REALTIME).
    public static func now() -> Timestamp {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Timestamp(microseconds: Int64(t.tv_sec) * 1_000_000 + Int64(t.tv_nsec) / 1000)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    public var description: String {
        var buf = [UInt8](repeating: 0, count: Timestamp.encodedLength)
        buf.withUnsafeMutableBytes { _ = write(into: $0.baseAddress!) }
        return String(decoding: buf, as: UTF8.self)
    }

    /// Writes the 27-byte RFC 3339 form at `p`.
    ///
    /// - Returns: the number of bytes written (always ``encodedLength``).
    @discardableResult
    public func write(into p: UnsafeMutableRawPointer) -> Int {
        let us = microseconds
        var secs = us / 1_000_000
        var frac = us % 1_000_000
        if frac < 0 {
            frac += 1_000_000
            secs -= 1
        }
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 {
            sod += 86_400
            days -= 1
        }
        let (y, m, d) = Timestamp.civil(fromDays: days)
        let b = p.assumingMemoryBound(to: UInt8.self)
        @inline(__always) func put2(_ at: Int, _ v: Int64) {
            b[at] = UInt8(truncatingIfNeeded: 0x30 + v / 10)
            b[at + 1] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        }
        let year = max(0, min(9999, y))
        put2(0, year / 100)
        put2(2, year % 100)
        b[4] = 0x2D
        put2(5, m)
        b[7] = 0x2D
        put2(8, d)
        b[10] = 0x54
        put2(11, sod / 3600)
        b[13] = 0x3A
        put2(14, (sod / 60) % 60)
        b[16] = 0x3A
        put2(17, sod % 60)
        b[19] = 0x2E
        var f = frac
        for i in stride(from: 25, through: 20, by: -1) {
            b[i] = UInt8(truncatingIfNeeded: 0x30 + f % 10)
            f /= 10
        }
        b[26] = 0x5A
        return Timestamp.encodedLength
    }

    /// Parses an RFC 3339 / ISO 8601 timestamp (see the type's discussion for what is accepted).
    public init?(parsing text: some StringProtocol) {
        var s = String(text)
        guard let v = s.withUTF8({ Timestamp(bytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = v
    }

    /// Parses a timestamp from raw bytes without allocating.
    public init?(bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n >= 19 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int64? {
            let c = bytes[i]
            return c >= 0x30 && c <= 0x39 ? Int64(c &- 0x30) : nil
        }
        @inline(__always) func num(_ i: Int, _ len: Int) -> Int64? {
            var v: Int64 = 0
            for k in i..<(i + len) {
                guard let d = digit(k) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = num(0, 4), bytes[4] == 0x2D, let mo = num(5, 2), bytes[7] == 0x2D, let d = num(8, 2),
            bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            let h = num(11, 2), bytes[13] == 0x3A, let mi = num(14, 2), bytes[16] == 0x3A, let s = num(17, 2)
        else { return nil }
        guard mo >= 1, mo <= 12, d >= 1, d <= Timestamp.daysInMonth(y, mo), h <= 23, mi <= 59, s <= 60 else {
            return nil
        }
        var i = 19
        var frac: Int64 = 0
        if i < n && (bytes[i] == 0x2E || bytes[i] == 0x2C) {
            i += 1
            var digits = 0
            while i < n, let dg = digit(i) {
                if digits < 6 { frac = frac * 10 + dg }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            var k = digits
            while k < 6 {
                frac *= 10
                k += 1
            }
        }
        var offsetSeconds: Int64 = 0
        if i < n {
            let c = bytes[i]
            if c == 0x5A || c == 0x7A {
                i += 1
            } else if c == 0x2B || c == 0x2D {
                let sign: Int64 = c == 0x2D ? -1 : 1
                i += 1
                guard i + 2 <= n, let oh = num(i, 2) else { return nil }
                i += 2
                if i < n && bytes[i] == 0x3A { i += 1 }
                guard i + 2 <= n, let om = num(i, 2) else { return nil }
                i += 2
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == n else { return nil }
        let days = Timestamp.days(fromCivil: y, mo, d)
        let secs = days * 86_400 + h * 3600 + mi * 60 + min(s, 59) - offsetSeconds
        self.microseconds = secs * 1_000_000 + frac
    }

    /// Days in month `m` (1–12) of year `y` (proleptic Gregorian).
    public static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
