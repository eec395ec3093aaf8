import CByteScan

/// Byte-level JSON syntax routines shared by the line scanner and the lazy field lookups.
///
/// Every routine works on a pointer `p` and an exclusive end index `end`, starts at index `i`,
/// and returns the index just past what it consumed, or `-1` after storing the reason in `fail`.
/// None of them allocates, except ``skipValue`` past 64 levels of nesting.
///
/// Routines that take `readEnd` may load (never use) bytes up to `p + readEnd`, past `end`: the
/// line scanner gives them the padding of its chunk buffer so that strings near the end of a line
/// are still scanned 16 bytes at a time. Without padding `readEnd` is `end`.
enum JSONSyntax {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A mask with the high bit set in the lowest byte of `w` that is `"`, `\` or below 0x20
    /// (bytes above the first such byte may be flagged spuriously; only the lowest one is exact).
    @inline(__always)
    static func specialMask(_ w: UInt64) -> UInt64 {
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        let mq = (q &- ones) & ~q
        let mb = (b &- ones) & ~b
        let mc = (w &- ones &* 0x20) & ~w
        return (mq | mb | mc) & highs
    }

    @inline(__always)
    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    @inline(__always)
    static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end {
            let c = p[j]
            if c > 0x20 || !isWhitespace(c) { break }
            j &+= 1
        }
        return j
    }

    @inline(__always)
    static func isHex(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || ((c | 0x20) &- 0x61) < 6
    }

    /// Scans a string's contents. `i` is just past the opening quote.
    ///
    /// - Returns: the index of the closing quote, or -1.
    @inline(__always)
    static func scanString(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, escapes: inout Bool, fail: inout MalformedReason
    ) -> Int {
        scanString(p, i, end, readEnd: end, escapes: &escapes, fail: &fail)
    }

    /// Scans a string's contents, loading up to `readEnd` (>= `end`). `i` is just past the
    /// opening quote.
    ///
    /// The common case (no escape, 16 readable bytes) stays inline and small; escapes, errors
    /// and the last bytes of an unpadded line go through out-of-line helpers.
    ///
    /// - Returns: the index of the closing quote, or -1.
    @inline(__always)
    static func scanString(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, readEnd: Int, escapes: inout Bool, fail: inout MalformedReason
    ) -> Int {
        var j = i
        while true {
            // The next `"`, `\` or control byte, 16 bytes a step (the line's end counts as a stop).
            if j &+ 16 <= readEnd {
                var m = perflog_string_stops16(p + j)
                if j &+ 16 > end { m |= UInt32(1) << UInt32(truncatingIfNeeded: end &- j) }
                if m == 0 {
                    j &+= 16
                    continue
                }
                j &+= m.trailingZeroBitCount
            } else {
                j = nextStringStop(p, j, end)
            }
            if j < end && p[j] == 0x22 { return j }
            j = stringStop(p, j, end, escapes: &escapes, fail: &fail)
            if j < 0 { return -1 }
        }
    }

    /// The index of the first `"`, `\` or control byte at or after `i`, or `end` (eight bytes
    /// at a time, never loading past `end`).
    @inline(never)
    static func nextStringStop(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j &+ 8 <= end {
            let m = specialMask(UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            if m != 0 { return j &+ (m.trailingZeroBitCount >> 3) }
            j &+= 8
        }
        while j < end {
            let c = p[j]
            if c == 0x22 || c == 0x5C || c < 0x20 { return j }
            j &+= 1
        }
        return end
    }

    /// Handles a stop inside a string that is not its closing quote: the line's end, an escape
    /// (validated and skipped) or a control character.
    ///
    /// - Returns: the index after the escape, or -1 with `fail` set.
    @inline(never)
    static func stringStop(
        _ p: UnsafePointer<UInt8>, _ j: Int, _ end: Int, escapes: inout Bool, fail: inout MalformedReason
    ) -> Int {
        guard j < end else {
            fail = MalformedReason(.unexpectedEnd, offset: end)
            return -1
        }
        let c = p[j]
        if c == 0x5C {
            escapes = true
            guard j &+ 1 < end else {
                fail = MalformedReason(.unexpectedEnd, offset: end)
                return -1
            }
            switch p[j &+ 1] {
            case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                return j &+ 2
            case 0x75:
                guard j &+ 6 <= end, isHex(p[j &+ 2]), isHex(p[j &+ 3]), isHex(p[j &+ 4]), isHex(p[j &+ 5]) else {
                    fail = MalformedReason(.invalidEscape, offset: j)
                    return -1
                }
                return j &+ 6
            default:
                fail = MalformedReason(.invalidEscape, offset: j)
                return -1
            }
        }
        // A control character (the only other stop).
        fail = MalformedReason(.controlCharacterInString, offset: j)
        return -1
    }

    /// Scans a JSON number starting at `i` (a `-` or a digit).
    ///
    /// - Returns: the index just past the number, or -1.
    @inline(__always)
    static func scanNumber(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, fail: inout MalformedReason) -> Int {
        var j = i
        if j < end && p[j] == 0x2D { j &+= 1 }
        guard j < end, (p[j] &- 0x30) < 10 else {
            fail = MalformedReason(j < end ? .invalidNumber : .unexpectedEnd, offset: j)
            return -1
        }
        if p[j] == 0x30 {
            j &+= 1
        } else {
            while j < end && (p[j] &- 0x30) < 10 { j &+= 1 }
        }
        if j < end && p[j] == 0x2E {
            j &+= 1
            let s = j
            while j < end && (p[j] &- 0x30) < 10 { j &+= 1 }
            guard j > s else {
                fail = MalformedReason(.invalidNumber, offset: j)
                return -1
            }
        }
        if j < end && (p[j] | 0x20) == 0x65 {
            j &+= 1
            if j < end && (p[j] == 0x2B || p[j] == 0x2D) { j &+= 1 }
            let s = j
            while j < end && (p[j] &- 0x30) < 10 { j &+= 1 }
            guard j > s else {
                fail = MalformedReason(.invalidNumber, offset: j)
                return -1
            }
        }
        return j
    }

    /// Scans `true`, `false` or `null` starting at `i`.
    @inline(__always)
    static func scanLiteral(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, fail: inout MalformedReason) -> Int {
        let c = p[i]
        let word: UInt32
        let n: Int
        switch c {
        case 0x74:
            word = 0x6575_7274
            n = 4  // "true"
        case 0x6E:
            word = 0x6C6C_756E
            n = 4  // "null"
        default:
            word = 0x736C_6166
            n = 5  // "fals" + "e"
        }
        guard i &+ n <= end else {
            fail = MalformedReason(.unexpectedEnd, offset: end)
            return -1
        }
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
        guard w == word, n == 4 || p[i &+ 4] == 0x65 else {
            fail = MalformedReason(.invalidLiteral, offset: i)
            return -1
        }
        return i &+ n
    }

    /// Validates and skips one JSON value of any kind starting at `i` (no leading whitespace),
    /// iteratively, with at most `maxDepth` levels of nested objects and arrays.
    ///
    /// - Returns: the index just past the value, or -1.
    static func skipValue(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, maxDepth: Int, fail: inout MalformedReason
    ) -> Int {
        var j = i
        var depth = 0
        var bits: UInt64 = 0  // bit d set: level d+1 is an array (levels 1...64)
        var deep: [Bool] = []  // levels beyond 64: true for an array
        @inline(__always) func isArray(_ d: Int) -> Bool {
            d <= 64 ? (bits >> UInt64(d &- 1)) & 1 == 1 : deep[d &- 65]
        }
        // Expect a value at j.
        valueLoop: while true {
            guard j < end else {
                fail = MalformedReason(.unexpectedEnd, offset: end)
                return -1
            }
            let c = p[j]
            switch c {
            case 0x22:
                var esc = false
                let q = scanString(p, j &+ 1, end, escapes: &esc, fail: &fail)
                if q < 0 { return -1 }
                j = q &+ 1
            case 0x7B, 0x5B:
                depth &+= 1
                guard depth <= maxDepth else {
                    fail = MalformedReason(.nestingTooDeep, offset: j)
                    return -1
                }
                let arr = c == 0x5B
                if depth <= 64 {
                    if arr { bits |= 1 << UInt64(depth &- 1) } else { bits &= ~(1 << UInt64(depth &- 1)) }
                } else {
                    if deep.count >= depth &- 64 { deep[depth &- 65] = arr } else { deep.append(arr) }
                }
                j = skipWhitespace(p, j &+ 1, end)
                guard j < end else {
                    fail = MalformedReason(.unexpectedEnd, offset: end)
                    return -1
                }
                if p[j] == (arr ? 0x5D : 0x7D) {
                    j &+= 1
                    depth &-= 1
                } else if arr {
                    continue valueLoop
                } else {
                    j = skipKeyAndColon(p, j, end, fail: &fail)
                    if j < 0 { return -1 }
                    continue valueLoop
                }
            case 0x2D, 0x30...0x39:
                j = scanNumber(p, j, end, fail: &fail)
                if j < 0 { return -1 }
            case 0x74, 0x66, 0x6E:
                j = scanLiteral(p, j, end, fail: &fail)
                if j < 0 { return -1 }
            default:
                fail = MalformedReason(.unexpectedByte, offset: j)
                return -1
            }
            // After a value: close containers or move to the next element.
            while depth > 0 {
                j = skipWhitespace(p, j, end)
                guard j < end else {
                    fail = MalformedReason(.unexpectedEnd, offset: end)
                    return -1
                }
                let d = p[j]
                let arr = isArray(depth)
                if d == 0x2C {
                    j = skipWhitespace(p, j &+ 1, end)
                    if !arr {
                        j = skipKeyAndColon(p, j, end, fail: &fail)
                        if j < 0 { return -1 }
                    }
                    continue valueLoop
                }
                guard d == (arr ? 0x5D : 0x7D) else {
                    fail = MalformedReason(.unexpectedByte, offset: j)
                    return -1
                }
                j &+= 1
                depth &-= 1
            }
            return j
        }
    }

    /// Skips a flat object (`{"k":"v","n":1}`: no whitespace, no nested containers) quickly.
    /// `i` is at the `{`.
    ///
    /// - Returns: the index just past the object, or -1 when the object is not flat and compact
    ///   or not valid: the caller then runs ``skipValue`` from `i`, which validates it fully and
    ///   reports any error.
    @inline(__always)
    static func skipFlatObject(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, readEnd: Int) -> Int {
        var fail = MalformedReason(.unexpectedEnd, offset: 0)
        var j = i &+ 1
        guard j < end else { return -1 }
        if p[j] == 0x7D { return j &+ 1 }
        while true {
            guard p[j] == 0x22 else { return -1 }
            var esc = false
            let q = scanString(p, j &+ 1, end, readEnd: readEnd, escapes: &esc, fail: &fail)
            guard q >= 0, q &+ 2 < end, p[q &+ 1] == 0x3A else { return -1 }
            j = q &+ 2
            let c = p[j]
            if c == 0x22 {
                let r = scanString(p, j &+ 1, end, readEnd: readEnd, escapes: &esc, fail: &fail)
                guard r >= 0 else { return -1 }
                j = r &+ 1
            } else if c == 0x2D || (c &- 0x30) < 10 {
                j = scanNumber(p, j, end, fail: &fail)
                guard j >= 0 else { return -1 }
            } else if c == 0x74 || c == 0x66 || c == 0x6E {
                j = scanLiteral(p, j, end, fail: &fail)
                guard j >= 0 else { return -1 }
            } else {
                return -1
            }
            guard j < end else { return -1 }
            if p[j] == 0x2C {
                j &+= 1
                guard j < end else { return -1 }
                continue
            }
            return p[j] == 0x7D ? j &+ 1 : -1
        }
    }

    /// Scans `"key"` `:` and the whitespace after it, starting at the key's opening quote.
    @inline(__always)
    static func skipKeyAndColon(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, fail: inout MalformedReason) -> Int {
        guard i < end else {
            fail = MalformedReason(.unexpectedEnd, offset: end)
            return -1
        }
        guard p[i] == 0x22 else {
            fail = MalformedReason(.unexpectedByte, offset: i)
            return -1
        }
        var esc = false
        let q = scanString(p, i &+ 1, end, escapes: &esc, fail: &fail)
        if q < 0 { return -1 }
        var j = skipWhitespace(p, q &+ 1, end)
        guard j < end else {
            fail = MalformedReason(.unexpectedEnd, offset: end)
            return -1
        }
        guard p[j] == 0x3A else {
            fail = MalformedReason(.unexpectedByte, offset: j)
            return -1
        }
        j = skipWhitespace(p, j &+ 1, end)
        return j
    }

    /// Builds a reference to the value spanning `start..<stop` (for strings: including quotes).
    @inline(__always)
    static func ref(_ p: UnsafePointer<UInt8>, _ start: Int, _ stop: Int, escapes: Bool) -> JSONValueRef {
        let c = p[start]
        switch c {
        case 0x22:
            return JSONValueRef(
                kind: .string, raw: UnsafeRawBufferPointer(start: p + (start &+ 1), count: stop &- start &- 2),
                hasEscapes: escapes)
        case 0x7B:
            return JSONValueRef(kind: .object, raw: UnsafeRawBufferPointer(start: p + start, count: stop &- start))
        case 0x5B:
            return JSONValueRef(kind: .array, raw: UnsafeRawBufferPointer(start: p + start, count: stop &- start))
        case 0x74, 0x66:
            return JSONValueRef(kind: .bool, raw: UnsafeRawBufferPointer(start: p + start, count: stop &- start))
        case 0x6E: return JSONValueRef(kind: .null, raw: UnsafeRawBufferPointer(start: p + start, count: stop &- start))
        default: return JSONValueRef(kind: .number, raw: UnsafeRawBufferPointer(start: p + start, count: stop &- start))
        }
    }
}
