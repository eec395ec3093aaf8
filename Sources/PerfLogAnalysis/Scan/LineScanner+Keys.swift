/// Recognising the keys perflog reads. The bytes of each key are written once, in
/// ``keyPattern(_:)``; the fast path, the general path and escaped keys all match against them.
extension LineScanner {
    enum Key: UInt8 {
        case unknown, ts, level, logger, msg, event, op, durationMs, outcome, error, status, query, thresholdMs, meta
        case timestamp, message
    }

    /// The bytes of `"key":` after the opening quote, little-endian: `p0` under mask `m0` for
    /// the first eight, `p1` under `m1` for the next, and their length (0 for `.unknown`, whose
    /// pattern never matches). A switch returning constants: compiled to table loads, not a jump.
    @inline(__always)
    static func keyPattern(_ k: Key) -> (UInt64, UInt64, UInt64, UInt64, Int) {
        let all: UInt64 = ~0
        switch k {
        case .unknown: return (1, 0, 0, 0, 0)
        case .ts: return (0x3A22_7374, 0xFFFF_FFFF, 0, 0, 4)
        case .level: return (0x3A_226C_6576_656C, 0xFF_FFFF_FFFF_FFFF, 0, 0, 7)
        case .logger: return (0x3A22_7265_6767_6F6C, all, 0, 0, 8)
        case .msg: return (0x3A_2267_736D, 0xFF_FFFF_FFFF, 0, 0, 5)
        case .event: return (0x3A_2274_6E65_7665, 0xFF_FFFF_FFFF_FFFF, 0, 0, 7)
        case .op: return (0x3A22_706F, 0xFFFF_FFFF, 0, 0, 4)
        case .durationMs: return (0x6E6F_6974_6172_7564, all, 0x3A_2273_6D5F, 0xFF_FFFF_FFFF, 13)
        case .outcome: return (0x2265_6D6F_6374_756F, all, 0x3A, 0xFF, 9)
        case .error: return (0x3A_2272_6F72_7265, 0xFF_FFFF_FFFF_FFFF, 0, 0, 7)
        case .status: return (0x3A22_7375_7461_7473, all, 0, 0, 8)
        case .query: return (0x3A_2279_7265_7571, 0xFF_FFFF_FFFF_FFFF, 0, 0, 7)
        case .thresholdMs: return (0x6C6F_6873_6572_6874, all, 0x3A22_736D_5F64, 0xFFFF_FFFF_FFFF, 14)
        case .meta: return (0x3A22_6174_656D, 0xFFFF_FFFF_FFFF, 0, 0, 6)
        case .timestamp: return (0x6D61_7473_656D_6974, all, 0x3A_2270, 0xFF_FFFF, 11)
        case .message: return (0x2265_6761_7373_656D, all, 0x3A, 0xFF, 9)
        }
    }

    /// The keys starting with the byte `c` (at most three; `.unknown` fills the rest).
    @inline(__always)
    static func candidates(_ c: UInt8) -> (Key, Key, Key) {
        switch c {
        case 0x74: return (.ts, .thresholdMs, .timestamp)  // t
        case 0x6C: return (.level, .logger, .unknown)  // l
        case 0x6D: return (.msg, .meta, .message)  // m
        case 0x65: return (.event, .error, .unknown)  // e
        case 0x6F: return (.op, .outcome, .unknown)  // o
        case 0x64: return (.durationMs, .unknown, .unknown)  // d
        case 0x73: return (.status, .unknown, .unknown)  // s
        case 0x71: return (.query, .unknown, .unknown)  // q
        default: return (.unknown, .unknown, .unknown)
        }
    }

    /// Recognises `"key":` from the 16 bytes after the key's opening quote (`w0`, `w1`,
    /// little-endian), closing quote and colon included.
    ///
    /// - Returns: the key and the number of bytes consumed (through the colon), or 0.
    @inline(__always)
    static func fastKey(_ w0: UInt64, _ w1: UInt64) -> (Key, Int) {
        @inline(__always) func matches(_ k: Key) -> Int {
            let (p0, m0, p1, m1, n) = keyPattern(k)
            return (w0 & m0) == p0 && (w1 & m1) == p1 ? n : 0
        }
        let (a, b, c) = candidates(UInt8(truncatingIfNeeded: w0))
        if case let n = matches(a), n > 0 { return (a, n) }
        if case let n = matches(b), n > 0 { return (b, n) }
        if case let n = matches(c), n > 0 { return (c, n) }
        return (.unknown, 0)
    }

    /// Classifies the key of `n` bytes at `p + s` (written without escapes, followed by anything,
    /// such as whitespace before its colon): its bytes with `":` appended must match a pattern
    /// exactly.
    static func key(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int) -> Key {
        guard n >= 2, n <= 14 else { return .unknown }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { w in
            w.baseAddress!.copyMemory(from: p + s, byteCount: n)
            w[n] = 0x22
            w[n + 1] = 0x3A
        }
        let (k, consumed) = fastKey(words.0, words.1)
        return consumed == n + 2 ? k : .unknown
    }

    /// Classifies a key written with escapes (rare: `"\u0074s"` is `ts`).
    static func decodedKey(_ escaped: UnsafeRawBufferPointer) -> Key {
        var out: [UInt8] = []
        JSONValueRef.unescape(escaped, into: &out)
        return out.withUnsafeBufferPointer { b in
            b.isEmpty ? .unknown : LineScanner.key(b.baseAddress!, 0, b.count)
        }
    }
}
