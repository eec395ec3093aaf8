import CByteScan

extension LineEncoder {
    /// Appends a JSON string (quotes included), escaping as described in the type's discussion.
    @inlinable
    public mutating func appendString(_ string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { buffer in
            appendString(bytes: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            var copy = string
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { appendString(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends a JSON string (quotes included) from raw bytes that should be UTF-8.
    ///
    /// Each maximal invalid subsequence becomes one U+FFFD, the same replacement that
    /// `String(decoding:as: UTF8.self)` makes, so the written value equals that decoded string.
    public mutating func appendString(bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count + 2)
        base[count] = 0x22
        count &+= 1
        appendEscaped(bytes)
        appendByte(0x22)
    }

    /// Appends the escaped contents of a string, without quotes.
    @usableFromInline
    mutating func appendEscaped(_ src: UnsafeRawBufferPointer) {
        let n = src.count
        guard n > 0 else { return }
        let p = src.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var i = 0
        var runStart = 0
        while i < n {
            // Skip 16 plain ASCII bytes at a time (no control, quote, backslash, DEL or non-ASCII)
            // with one vector compare; stop at the first byte that needs a look.
            while i &+ 16 <= n {
                let mask = perflog_escape_attention16(p + i)
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount
                    break
                }
                i &+= 16
            }
            // The tail of a string of 16 bytes or more: one overlapping load of its last 16 bytes.
            if n >= 16 && i > n &- 16 && perflog_escape_attention16(p + (n &- 16)) == 0 {
                i = n
                break
            }
            // Then 8 at a time.
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if LineEncoder.needsAttention(w) { break }
                i &+= 8
            }
            guard i < n else { break }
            // The tail of a string of 8 bytes or more: one overlapping load of its last 8 bytes.
            if n >= 8 && i > n &- 8
                && !LineEncoder.needsAttention(UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self))
            {
                i = n
                break
            }
            let c = p[i]
            if c >= 0x20 && c < 0x7F && c != 0x22 && c != 0x5C {
                i &+= 1
                continue
            }
            if c >= 0x80 {
                let len = LineEncoder.validSequenceLength(p, i, n)
                if len > 0 {
                    let scalar = LineEncoder.escapedScalar(p, i, len)
                    if scalar == 0 {
                        i &+= len
                        continue
                    }
                    flushRun(p, runStart, i)
                    appendUnicodeEscape(scalar)
                    i &+= len
                } else {
                    flushRun(p, runStart, i)
                    appendStatic("\u{FFFD}")
                    i &+= -len
                }
                runStart = i
                continue
            }
            flushRun(p, runStart, i)
            appendEscapedASCII(c)
            i &+= 1
            runStart = i
        }
        flushRun(p, runStart, n)
    }

    /// The scalar of the well-formed sequence of `len` bytes at `i` when the format escapes it,
    /// else 0: C1 controls U+0080–U+009F (`C2 80`…`C2 9F`: U+009B is a terminal's CSI), the
    /// bidirectional embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069 (they
    /// reorder what a terminal or browser shows), U+2028 and U+2029 (they break JavaScript
    /// parsers) and U+FEFF (dropped by some readers as a byte-order mark).
    @inline(__always)
    static func escapedScalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int) -> UInt32 {
        let c = p[i]
        if len == 2 { return c == 0xC2 && p[i + 1] < 0xA0 ? UInt32(p[i + 1]) : 0 }
        guard len == 3, c == 0xE2 || c == 0xEF else { return 0 }
        let scalar = (UInt32(c & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
        switch scalar {
        case 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return scalar
        default: return 0
        }
    }

    /// Appends `\uXXXX` (lower-case hex) for a BMP scalar.
    mutating func appendUnicodeEscape(_ scalar: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        reserve(6)
        base[count] = 0x5C
        base[count + 1] = 0x75
        for k in 0..<4 { base[count + 2 + k] = hex.utf8Start[Int((scalar >> UInt32(12 - 4 * k)) & 0xF)] }
        count &+= 6
    }

    /// Whether any of the 8 bytes in `w` is below 0x20, a quote, a backslash, or 0x7F and above.
    @inline(__always)
    static func needsAttention(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (w &- ones &* 0x20) & ~w & highs  // some byte < 0x20 (exact when no byte ≥ 0x80)
        let quote = hasZero(w ^ (ones &* 0x22))
        let backslash = hasZero(w ^ (ones &* 0x5C))
        let del = hasZero(w ^ (ones &* 0x7F))
        return (control | quote | backslash | del | (w & highs)) != 0
    }

    @inline(__always)
    mutating func flushRun(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
        if to > from { appendRaw(UnsafeRawBufferPointer(start: p + from, count: to - from)) }
    }

    mutating func appendEscapedASCII(_ c: UInt8) {
        switch c {
        case 0x22: appendStatic("\\\"")
        case 0x5C: appendStatic("\\\\")
        case 0x0A: appendStatic("\\n")
        case 0x0D: appendStatic("\\r")
        case 0x09: appendStatic("\\t")
        case 0x08: appendStatic("\\b")
        case 0x0C: appendStatic("\\f")
        default:
            // Other C0 controls and DEL: \u00XX (lower-case hex).
            appendUnicodeEscape(UInt32(c))
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (lead byte ≥ 0x80), or the
    /// negated length of its maximal invalid subpart (Unicode 15, table 3-7 and §3.9 U+FFFD policy).
    @inline(__always)
    static func validSequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let c = p[i]
        let need: Int
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: need = 1
        case 0xE0:
            need = 2
            lo = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2
        case 0xED:
            need = 2
            hi = 0x9F
        case 0xF0:
            need = 3
            lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4:
            need = 3
            hi = 0x8F
        default: return -1
        }
        var k = 1
        while k <= need {
            guard i + k < n else { return -k }
            let b = p[i + k]
            if k == 1 {
                guard b >= lo && b <= hi else { return -k }
            } else {
                guard b >= 0x80 && b <= 0xBF else { return -k }
            }
            k += 1
        }
        return need + 1
    }
}

extension LineEncoder {
    /// Appends a copy of bytes already encoded, from offset `from` up to `to`.
    @inline(__always)
    mutating func appendCopy(from: Int, to: Int) {
        let n = to - from
        reserve(n)
        (base + count).update(from: base + from, count: n)
        count &+= n
    }

    /// Appends the escaped contents of `string` (no quotes), copying it first if it is not
    /// contiguous.
    mutating func appendEscaped(_ string: String) {
        var copy = string
        copy.makeContiguousUTF8()
        copy.utf8.withContiguousStorageIfAvailable { appendEscaped(UnsafeRawBufferPointer($0)) }
    }
}
