#if canImport(Glibc)
    import Glibc
#endif

/// A reference to one JSON value inside a line's bytes, as the scanner found it. It does not own
/// the bytes: it is valid only while the line is.
@_spi(Internals) public struct JSONValueRef {
    /// The JSON type of the value.
    public enum Kind: Sendable, Equatable {
        /// A string; the reference covers its quotes.
        case string
        /// A number.
        case number
        /// `true` or `false`.
        case bool
        /// `null`.
        case null
        /// An object, `{` to `}`.
        case object
        /// An array, `[` to `]`.
        case array
    }

    /// What kind of JSON value the bytes hold.
    public var kind: Kind
    /// For strings: the bytes between the quotes, still escaped when ``hasEscapes``.
    /// For every other kind: the value's raw text (`42`, `true`, `{...}`).
    public var raw: UnsafeRawBufferPointer
    /// True when a string contains backslash escapes (so ``raw`` is not its decoded text).
    public var hasEscapes: Bool

    /// A value of `kind` whose text is `raw` (for a string: between the quotes; `hasEscapes` when it holds a
    /// backslash).
    public init(kind: Kind, raw: UnsafeRawBufferPointer, hasEscapes: Bool = false) {
        self.kind = kind
        self.raw = raw
        self.hasEscapes = hasEscapes
    }

    /// The value as a Swift string: decoded string contents, or the raw text of other kinds.
    /// Invalid escapes and lone surrogates become U+FFFD.
    public var string: String {
        guard kind == .string, hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        JSONValueRef.unescape(raw, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as a number: numbers parse as JSON numbers; strings holding a number parse too
    /// (`"250"`); `true`/`false` are 1/0; anything else is `nil`.
    public var number: Double? {
        switch kind {
        case .number: return JSONValueRef.parseDouble(raw)
        case .string where !hasEscapes: return JSONValueRef.parseDouble(raw)
        case .bool: return raw.first == UInt8(ascii: "t") ? 1 : 0
        default: return nil
        }
    }

    /// Parses a decimal number (JSON syntax, also a leading `+`, `inf`/`nan` rejected) from bytes.
    public static func parseDouble(_ b: UnsafeRawBufferPointer) -> Double? {
        let n = b.count
        guard n > 0, n < 512 else { return nil }
        for c in b where !(c >= 0x30 && c <= 0x39) && c != 0x2E && c != 0x2D && c != 0x2B && c != 0x65 && c != 0x45 {
            return nil
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { tmp -> Double? in
            for i in 0..<n { tmp[i] = CChar(bitPattern: b[i]) }
            tmp[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(tmp.baseAddress!, &end)
            guard let e = end, e - tmp.baseAddress! == n else { return nil }
            return v
        }
    }

    /// Decodes JSON string escapes from `raw` (the bytes between the quotes) into `out`.
    public static func unescape(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var i = 0
        let n = raw.count
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= n else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = raw[k]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        func appendScalar(_ v: UInt32) {
            let s = Unicode.Scalar(v) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while i < n {
            let c = raw[i]
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < n else {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                break
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let u = hex4(i) else {
                    appendScalar(0xFFFD)
                    continue
                }
                i += 4
                if u >= 0xD800 && u < 0xDC00 {
                    if i + 6 <= n, raw[i] == 0x5C, raw[i + 1] == 0x75, let lo = hex4(i + 2), lo >= 0xDC00, lo < 0xE000 {
                        i += 6
                        appendScalar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))
                    } else {
                        appendScalar(0xFFFD)
                    }
                } else if u >= 0xDC00 && u < 0xE000 {
                    appendScalar(0xFFFD)
                } else {
                    appendScalar(u)
                }
            default: appendScalar(0xFFFD)
            }
        }
    }
}
