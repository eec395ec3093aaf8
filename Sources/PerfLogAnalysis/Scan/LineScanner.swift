import PerfLog

/// A streaming JSON scanner for one log line: validates that the line is exactly one JSON object
/// and extracts the fields perflog knows, without allocating.
///
/// ```swift
/// var scanner = LineScanner()
/// var record = ScannedRecord()
/// switch scanner.scan(lineBytes, into: &record) {
/// case .record: aggregate(record)
/// case .blank: break
/// case .malformed(let why): report(why)
/// }
/// ```
///
/// What it accepts:
/// - a UTF-8 BOM at the start of the line (skipped), a trailing `\n` and `\r` (stripped), and
///   whitespace wherever JSON allows it;
/// - keys in any order; unknown keys and nested values are validated and skipped, to a nesting
///   depth of ``maxDepth`` (deeper is malformed; the scanner is iterative, never recursive);
/// - invalid UTF-8 inside strings: accepted as bytes (it is replaced by U+FFFD when a string is
///   decoded). Raw control characters (including NUL) inside strings are not: JSON forbids them
///   and they mark corruption such as zero-filled blocks after a crash;
/// - duplicate keys: the last one wins.
///
/// Empty and whitespace-only lines are ``ScanOutcome/blank``, not malformed.
///
/// One scanner per thread: it keeps a small cache (the last date of `ts`).
public struct LineScanner: Sendable {
    /// The deepest nesting of objects and arrays accepted in a line (the line's own object is
    /// level 1).
    public let maxDepth: Int
    private var timestamps = TimestampParser()
    /// The key order seen so far: four bits per key (indexed by the key before it, `.unknown`
    /// standing for the line's start) naming the key that followed it last time. Lines of one
    /// writer repeat one order, so the next key is checked against one guess first, with no
    /// dispatch on its first byte.
    private var keyOrder: UInt64 = 0

    /// A scanner accepting up to `maxDepth` levels of nesting (default 512).
    public init(maxDepth: Int = 512) {
        self.maxDepth = max(1, maxDepth)
    }

    /// Scans one line into `record` (which is reset first).
    ///
    /// - Parameters:
    ///   - line: the line's bytes, with or without its trailing `\n`.
    ///   - record: filled with the line's fields; valid while `line`'s bytes are.
    /// - Returns: ``ScanOutcome/record``, ``ScanOutcome/blank``, or why the line is malformed.
    public mutating func scan(_ line: UnsafeRawBufferPointer, into record: inout ScannedRecord) -> ScanOutcome {
        scan(line, slack: 0, into: &record)
    }

    /// Scans one line into `record`, with `slack` readable bytes after the line's last byte
    /// (the chunk buffer's following lines and padding): they are loaded, never used, so that
    /// strings near the end of the line are scanned 16 bytes at a time. The outcome and the
    /// record are the same as ``scan(_:into:)``'s, whatever those bytes hold.
    ///
    /// Kept out of line: inlined into a consumer's loop, it made the caller so large that the
    /// optimizer stopped inlining even buffer-pointer accessors inside it.
    @inline(never)
    public mutating func scan(_ line: UnsafeRawBufferPointer, slack: Int, into record: inout ScannedRecord) -> ScanOutcome {
        guard let base = line.baseAddress, line.count > 0 else {
            record.reset(line: line)
            return .blank
        }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var end = line.count
        if p[end &- 1] == 0x0A { end &-= 1 }
        if end > 0 && p[end &- 1] == 0x0D { end &-= 1 }
        let readEnd = line.count &+ max(0, slack)
        var i = 0
        if end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
        i = JSONSyntax.skipWhitespace(p, i, end)
        guard i < end else {
            record.reset(line: UnsafeRawBufferPointer(start: p, count: end))
            return .blank
        }
        record.reset(line: UnsafeRawBufferPointer(start: p + i, count: end &- i))
        guard p[i] == 0x7B else { return .malformed(MalformedReason(.notAnObject, offset: i)) }
        var fail = MalformedReason(.unexpectedEnd, offset: end)
        var order = keyOrder
        defer { keyOrder = order }
        var previous = Key.unknown
        var timestampKey: JSONValueRef?
        var messageKey: JSONValueRef?
        i = JSONSyntax.skipWhitespace(p, i &+ 1, end)
        guard i < end else { return .malformed(MalformedReason(.unexpectedEnd, offset: end)) }
        if p[i] == 0x7D {
            i &+= 1
        } else {
            while true {
                // The key: the writer's keys are recognised with two 8-byte loads, the closing
                // quote and the colon included; anything else takes the general path.
                guard p[i] == 0x22 else { return .malformed(MalformedReason(.unexpectedByte, offset: i)) }
                var key = Key.unknown
                var consumed = 0
                if i &+ 17 <= readEnd {
                    let q = i &+ 1
                    let w0 = UnsafeRawPointer(p + q).loadUnaligned(as: UInt64.self)
                    let w1 = UnsafeRawPointer(p + (q &+ 8)).loadUnaligned(as: UInt64.self)
                    let shift = UInt64(previous.rawValue) &<< 2
                    // Every 4-bit value is a key (16 cases, raw values 0...15): no failable init call.
                    let guess = unsafeBitCast(UInt8(truncatingIfNeeded: (order &>> shift) & 0xF), to: Key.self)
                    let (p0, m0, p1, m1, n) = LineScanner.keyPattern(guess)
                    if n > 0 && (w0 & m0) == p0 && (w1 & m1) == p1 && q &+ n <= end {
                        key = guess
                        consumed = n
                    } else {
                        (key, consumed) = LineScanner.fastKey(w0, w1)
                        // The key and its colon must lie inside the line (the loads may reach past it).
                        if consumed > 0 && q &+ consumed > end { (key, consumed) = (.unknown, 0) }
                        if consumed > 0 {
                            order = (order & ~(0xF &<< shift)) | (UInt64(key.rawValue) &<< shift)
                        }
                    }
                    if consumed > 0 { i = q &+ consumed }
                }
                if consumed == 0 {
                    var keyEscapes = false
                    let q = JSONSyntax.scanString(p, i &+ 1, end, readEnd: readEnd, escapes: &keyEscapes, fail: &fail)
                    if q < 0 { return .malformed(fail) }
                    key = keyEscapes
                        ? LineScanner.decodedKey(UnsafeRawBufferPointer(start: p + (i &+ 1), count: q &- i &- 1))
                        : LineScanner.key(p, i &+ 1, q &- i &- 1, end)
                    i = JSONSyntax.skipWhitespace(p, q &+ 1, end)
                    guard i < end else { return .malformed(MalformedReason(.unexpectedEnd, offset: end)) }
                    guard p[i] == 0x3A else { return .malformed(MalformedReason(.unexpectedByte, offset: i)) }
                    i &+= 1
                }
                previous = key
                i = JSONSyntax.skipWhitespace(p, i, end)
                guard i < end else { return .malformed(MalformedReason(.unexpectedEnd, offset: end)) }
                // The value.
                let start = i
                var done = false
                if p[i] == 0x22 {
                    if key == .ts, i &+ 28 < end, p[i &+ 28] == 0x22,
                        let t = timestamps.parse(UnsafeRawBufferPointer(start: p + (i &+ 1), count: 27))
                    {
                        // A timestamp that parses holds only digits and separators: a valid string.
                        record.timestamp = t
                        record.tsRaw = JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(start: p + (i &+ 1), count: 27))
                        i &+= 29
                        done = true
                    } else if key == .level, i &+ 10 <= end {
                        let (level, n) = LineScanner.fastLevel(UnsafeRawPointer(p + (i &+ 1)).loadUnaligned(as: UInt64.self), p[i &+ 9])
                        if n > 0 {
                            record.level = level
                            record.levelRaw = JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(start: p + (i &+ 1), count: n))
                            i &+= n &+ 2
                            done = true
                        }
                    }
                }
                if !done {
                    var escapes = false
                    if p[i] == 0x22 {
                        let r = JSONSyntax.scanString(p, i &+ 1, end, readEnd: readEnd, escapes: &escapes, fail: &fail)
                        if r < 0 { return .malformed(fail) }
                        i = r &+ 1
                        let v = JSONValueRef(
                            kind: .string, raw: UnsafeRawBufferPointer(start: p + (start &+ 1), count: r &- start &- 1),
                            hasEscapes: escapes)
                        switch key {
                        case .logger: record.logger = v
                        case .msg: record.msg = v
                        case .op: record.op = v
                        case .outcome: record.outcome = v
                        case .error: record.error = v
                        case .query: record.query = v
                        case .event:
                            record.eventRaw = v
                            record.event = LineScanner.eventKind(v)
                        case .unknown: break
                        default: store(key, v, into: &record, timestamp: &timestampKey, message: &messageKey)
                        }
                        done = true
                    } else if p[i] == 0x2D || (p[i] &- 0x30) < 10 {
                        i = JSONSyntax.scanNumber(p, i, end, fail: &fail)
                        if i < 0 { return .malformed(fail) }
                        let raw = UnsafeRawBufferPointer(start: p + start, count: i &- start)
                        switch key {
                        case .durationMs:
                            record.durationRaw = JSONValueRef(kind: .number, raw: raw)
                            record.durationMs = DecimalParser.parse(raw).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
                            done = true
                        case .status:
                            record.statusRaw = JSONValueRef(kind: .number, raw: raw)
                            record.status = DecimalParser.parseInt(raw)
                            done = true
                        default: break
                        }
                    } else {
                        let flat = p[i] == 0x7B && maxDepth >= 2 ? JSONSyntax.skipFlatObject(p, i, end, readEnd: readEnd) : -1
                        if flat >= 0 {
                            i = flat
                            if key == .meta {
                                record.meta = JSONValueRef(kind: .object, raw: UnsafeRawBufferPointer(start: p + start, count: i &- start))
                                done = true
                            }
                        } else {
                            // Objects count from level 2: the line's object is level 1.
                            i = JSONSyntax.skipValue(p, i, end, maxDepth: maxDepth &- 1, fail: &fail)
                            if i < 0 { return .malformed(fail) }
                        }
                    }
                    if !done && key != .unknown {
                        store(key, JSONSyntax.ref(p, start, i, escapes: escapes), into: &record,
                              timestamp: &timestampKey, message: &messageKey)
                    }
                }
                // A comma or the end of the object.
                i = JSONSyntax.skipWhitespace(p, i, end)
                guard i < end else { return .malformed(MalformedReason(.unexpectedEnd, offset: end)) }
                let c = p[i]
                if c == 0x2C {
                    i = JSONSyntax.skipWhitespace(p, i &+ 1, end)
                    guard i < end else { return .malformed(MalformedReason(.unexpectedEnd, offset: end)) }
                    continue
                }
                guard c == 0x7D else { return .malformed(MalformedReason(.unexpectedByte, offset: i)) }
                i &+= 1
                break
            }
        }
        i = JSONSyntax.skipWhitespace(p, i, end)
        guard i == end else { return .malformed(MalformedReason(.trailingData, offset: i)) }

        if timestampKey != nil || messageKey != nil {
            SeedRecordMapper.map(&record, timestamp: timestampKey, message: messageKey, timestamps: &timestamps)
        }
        if let o = record.outcome {
            record.isError = o.kind == .string && o.raw.count == 5 && !o.hasEscapes
                && UnsafeRawPointer(o.raw.baseAddress!).loadUnaligned(as: UInt32.self) == 0x6F72_7265 && o.raw[4] == 0x72
        } else if let s = record.status {
            record.isError = s >= 500
        }
        return .record
    }

    /// Stores one known key's value.
    @inline(__always)
    private mutating func store(
        _ key: Key, _ v: JSONValueRef, into r: inout ScannedRecord,
        timestamp: inout JSONValueRef?, message: inout JSONValueRef?
    ) {
        switch key {
        case .ts:
            r.tsRaw = v
            r.timestamp = v.kind == .string && !v.hasEscapes ? timestamps.parse(v.raw) : nil
        case .level:
            r.levelRaw = v
            r.level = v.kind == .string ? PerfLevel(bytes: v.raw) : nil
        case .logger: r.logger = v
        case .msg: r.msg = v
        case .event:
            r.eventRaw = v
            r.event = LineScanner.eventKind(v)
        case .op: r.op = v
        case .durationMs:
            r.durationRaw = v
            r.durationMs = LineScanner.milliseconds(v)
        case .outcome: r.outcome = v
        case .error: r.error = v
        case .status:
            r.statusRaw = v
            r.status = LineScanner.integer(v)
        case .query: r.query = v
        case .thresholdMs:
            r.thresholdRaw = v
            r.thresholdMs = LineScanner.milliseconds(v)
        case .meta: r.meta = v
        case .timestamp: timestamp = v
        case .message: message = v
        case .unknown: break
        }
    }

    // MARK: - Field conversions

    @inline(__always)
    static func eventKind(_ v: JSONValueRef) -> EventKind {
        guard v.kind == .string, !v.hasEscapes, let b = v.raw.baseAddress else { return .other }
        if v.raw.count == 4 && b.loadUnaligned(as: UInt32.self) == 0x6672_6570 { return .perf }
        if v.raw.count == 10 && b.loadUnaligned(as: UInt64.self) == 0x6575_715F_776F_6C73
            && b.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == 0x7972
        {
            return .slowQuery
        }
        return equals(v.raw, "perf") ? .perf : equals(v.raw, "slow_query") ? .slowQuery : .other
    }

    /// A duration in milliseconds: finite and >= 0, or nil.
    @inline(__always)
    static func milliseconds(_ v: JSONValueRef) -> Double? {
        let d: Double?
        switch v.kind {
        case .number: d = DecimalParser.parse(v.raw)
        case .string where !v.hasEscapes: d = DecimalParser.parse(v.raw)
        default: d = nil
        }
        guard let x = d, x.isFinite, x >= 0 else { return nil }
        return x
    }

    @inline(__always)
    static func integer(_ v: JSONValueRef) -> Int? {
        switch v.kind {
        case .number: return DecimalParser.parseInt(v.raw)
        case .string where !v.hasEscapes: return DecimalParser.parseInt(v.raw)
        default: return nil
        }
    }

    @inline(__always)
    static func equals(_ b: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        guard b.count == s.utf8CodeUnitCount else { return false }
        let t = s.utf8Start
        for k in 0..<b.count where b[k] != t[k] { return false }
        return true
    }

    // MARK: - Key dispatch

    enum Key: UInt8 {
        case unknown, ts, level, logger, msg, event, op, durationMs, outcome, error, status, query, thresholdMs, meta
        case timestamp, message
    }

    /// Classifies the key of `n` bytes at `p + s` by its length and its bytes loaded as integers.
    @inline(__always)
    static func key(_ p: UnsafePointer<UInt8>, _ s: Int, _ n: Int, _ end: Int) -> Key {
        guard n >= 2, n <= 12 else { return .unknown }
        var w: UInt64
        if s &+ 8 <= end {
            w = UnsafeRawPointer(p + s).loadUnaligned(as: UInt64.self)
        } else {
            w = 0
            for k in 0..<min(8, end &- s) { w |= UInt64(p[s &+ k]) << UInt64(8 &* k) }
        }
        if n < 8 { w &= (1 << UInt64(8 &* n)) &- 1 }
        switch n {
        case 2: return w == 0x7374 ? .ts : w == 0x706F ? .op : .unknown
        case 3: return w == 0x67736D ? .msg : .unknown
        case 4: return w == 0x6174656D ? .meta : .unknown
        case 5:
            switch w {
            case 0x6C65_7665_6C: return .level
            case 0x746E_6576_65: return .event
            case 0x726F_7272_65: return .error
            case 0x7972_6575_71: return .query
            default: return .unknown
            }
        case 6: return w == 0x7265_6767_6F6C ? .logger : w == 0x7375_7461_7473 ? .status : .unknown
        case 7: return w == 0x656D_6F63_7475_6F ? .outcome : w == 0x6567_6173_7365_6D ? .message : .unknown
        case 9, 11, 12:
            let last = UnsafeRawPointer(p + (s &+ n &- 8)).loadUnaligned(as: UInt64.self)
            if n == 11 && w == 0x6E6F_6974_6172_7564 && last == 0x736D_5F6E_6F69_7461 { return .durationMs }
            if n == 12 && w == 0x6C6F_6873_6572_6874 && last == 0x736D_5F64_6C6F_6873 { return .thresholdMs }
            if n == 9 && w == 0x6D61_7473_656D_6974 && last == 0x706D_6174_7365_6D69 { return .timestamp }
            return .unknown
        default: return .unknown
        }
    }

    /// Recognises `"key":` from the 16 bytes after the key's opening quote (`w0`, `w1`,
    /// little-endian), closing quote and colon included.
    ///
    /// - Returns: the key and the number of bytes consumed (through the colon), or 0.
    @inline(__always)
    static func fastKey(_ w0: UInt64, _ w1: UInt64) -> (Key, Int) {
        let m4 = w0 & 0xFFFF_FFFF
        let m5 = w0 & 0xFF_FFFF_FFFF
        let m6 = w0 & 0xFFFF_FFFF_FFFF
        let m7 = w0 & 0xFF_FFFF_FFFF_FFFF
        switch UInt8(truncatingIfNeeded: w0) {
        case 0x74:  // t
            if m4 == 0x3A22_7374 { return (.ts, 4) }
            if w0 == 0x6C6F_6873_6572_6874 && w1 & 0xFFFF_FFFF_FFFF == 0x3A22_736D_5F64 { return (.thresholdMs, 14) }
            if w0 == 0x6D61_7473_656D_6974 && w1 & 0xFF_FFFF == 0x3A_2270 { return (.timestamp, 11) }
        case 0x6C:  // l
            if m7 == 0x3A_226C_6576_656C { return (.level, 7) }
            if w0 == 0x3A22_7265_6767_6F6C { return (.logger, 8) }
        case 0x6D:  // m
            if m5 == 0x3A_2267_736D { return (.msg, 5) }
            if m6 == 0x3A22_6174_656D { return (.meta, 6) }
            if w0 == 0x2265_6761_7373_656D && w1 & 0xFF == 0x3A { return (.message, 9) }
        case 0x65:  // e
            if m7 == 0x3A_2274_6E65_7665 { return (.event, 7) }
            if m7 == 0x3A_2272_6F72_7265 { return (.error, 7) }
        case 0x6F:  // o
            if m4 == 0x3A22_706F { return (.op, 4) }
            if w0 == 0x2265_6D6F_6374_756F && w1 & 0xFF == 0x3A { return (.outcome, 9) }
        case 0x64:  // d
            if w0 == 0x6E6F_6974_6172_7564 && w1 & 0xFF_FFFF_FFFF == 0x3A_2273_6D5F { return (.durationMs, 13) }
        case 0x73:  // s
            if w0 == 0x3A22_7375_7461_7473 { return (.status, 8) }
        case 0x71:  // q
            if m7 == 0x3A_2279_7265_7571 { return (.query, 7) }
        default: break
        }
        return (.unknown, 0)
    }

    /// The bytes of `"key":` after the opening quote, as the masked 16 bytes ``fastKey(_:_:)``
    /// matches (`p0`, `m0` for the first eight, `p1`, `m1` for the next), and their length; 0 for
    /// `.unknown`. A switch returning constants: compiled to table loads, not a jump.
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

    /// Recognises a lower-case level name and its closing quote from the 8 bytes after the
    /// opening quote (`w`) and the 9th byte (`b8`).
    ///
    /// - Returns: the level and the name's length, or 0.
    @inline(__always)
    static func fastLevel(_ w: UInt64, _ b8: UInt8) -> (PerfLevel?, Int) {
        if w & 0xFF_FFFF_FFFF == 0x22_6F66_6E69 { return (.info, 4) }
        switch w & 0xFFFF_FFFF_FFFF {
        case 0x2267_7562_6564: return (.debug, 5)
        case 0x2272_6F72_7265: return (.error, 5)
        case 0x2265_6361_7274: return (.trace, 5)
        default: break
        }
        if w & 0xFF_FFFF_FFFF_FFFF == 0x22_6563_6974_6F6E { return (.notice, 6) }
        if w == 0x2267_6E69_6E72_6177 { return (.warning, 7) }
        if w == 0x6C61_6369_7469_7263 && b8 == 0x22 { return (.critical, 8) }
        return (nil, 0)
    }

    /// Classifies a key written with escapes (rare: `"\u0074s"` is `ts`).
    static func decodedKey(_ escaped: UnsafeRawBufferPointer) -> Key {
        var out: [UInt8] = []
        JSONValueRef.unescape(escaped, into: &out)
        out.append(contentsOf: [0x22, 0x3A, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20])  // padding for the loads
        return out.withUnsafeBufferPointer { b in
            LineScanner.key(b.baseAddress!, 0, b.count &- 8, b.count)
        }
    }
}
