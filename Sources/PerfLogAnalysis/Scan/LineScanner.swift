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
@_spi(Internals) public struct LineScanner: Sendable {
    /// The deepest nesting of objects and arrays accepted in a line (the line's own object is
    /// level 1).
    public let maxDepth: Int
    var timestamps = TimestampParser()
    /// The key order seen so far: four bits per key (indexed by the key before it, `.unknown`
    /// standing for the line's start) naming the key that followed it last time. Lines of one
    /// writer repeat one order, so the next key is checked against one guess first, with no
    /// dispatch on its first byte.
    private var keyOrder: UInt64 = 0
    /// Whether lines of the writer's shape are read in one straight pass (`scanWriterShape`)
    /// before the general loop (the default); off, every line takes the general loop. The
    /// outcome and the record are the same either way: the tests and `FuzzLineScanner` compare.
    public var readsWriterShape = true

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
    ///
    /// - Parameter writerShape: false when ``scanWriterLine(_:slack:into:)`` has already tried
    ///   the writer's shape on this line and returned 0: the line goes straight to the general
    ///   loop instead of through the same straight pass again.
    @inline(never)
    public mutating func scan(
        _ line: UnsafeRawBufferPointer, slack: Int, into record: inout ScannedRecord, writerShape: Bool = true
    ) -> ScanOutcome {
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
        // The writer's own shape first (see `scanWriterShape`); any other line, from its start,
        // through the general loop below.
        if writerShape && readsWriterShape && maxDepth >= 2,
            case let shaped = scanWriterShape(p, i, end, readEnd: readEnd, into: &record), shaped >= 0
        {
            return finish(p, shaped, end, &record, timestamp: nil, message: nil)
        }
        // The shape's first write is `ts`: without it the record is untouched.
        if record.tsRaw != nil { record.reset(line: UnsafeRawBufferPointer(start: p + i, count: end &- i)) }
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
                    key =
                        keyEscapes
                        ? LineScanner.decodedKey(UnsafeRawBufferPointer(start: p + (i &+ 1), count: q &- i &- 1))
                        : LineScanner.key(p, i &+ 1, q &- i &- 1)
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
                        record.tsRaw = JSONValueRef(
                            kind: .string, raw: UnsafeRawBufferPointer(start: p + (i &+ 1), count: 27))
                        i &+= 29
                        done = true
                    } else if key == .level, i &+ 10 <= end {
                        let (level, n) = LineScanner.fastLevel(
                            UnsafeRawPointer(p + (i &+ 1)).loadUnaligned(as: UInt64.self), p[i &+ 9])
                        if n > 0 {
                            record.level = level
                            record.levelRaw = JSONValueRef(
                                kind: .string, raw: UnsafeRawBufferPointer(start: p + (i &+ 1), count: n))
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
                        // A plain duration (`23.468`) is scanned and parsed in one pass.
                        var ms = 0.0
                        let plain =
                            key == .durationMs && p[i] != 0x2D ? DecimalParser.scanPlain(p, i, end, value: &ms) : -1
                        i = plain >= 0 ? plain : JSONSyntax.scanNumber(p, i, end, fail: &fail)
                        if i < 0 { return .malformed(fail) }
                        let raw = UnsafeRawBufferPointer(start: p + start, count: i &- start)
                        switch key {
                        case .durationMs where plain >= 0:
                            record.durationRaw = JSONValueRef(kind: .number, raw: raw)
                            record.durationMs = ms
                            done = true
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
                        let flat =
                            p[i] == 0x7B && maxDepth >= 2 ? JSONSyntax.skipFlatObject(p, i, end, readEnd: readEnd) : -1
                        if flat >= 0 {
                            i = flat
                            if key == .meta {
                                record.meta = JSONValueRef(
                                    kind: .object, raw: UnsafeRawBufferPointer(start: p + start, count: i &- start))
                                done = true
                            }
                        } else {
                            // Objects count from level 2: the line's object is level 1.
                            i = JSONSyntax.skipValue(p, i, end, maxDepth: maxDepth &- 1, fail: &fail)
                            if i < 0 { return .malformed(fail) }
                        }
                    }
                    if !done && key != .unknown {
                        store(
                            key, JSONSyntax.ref(p, start, i, escapes: escapes), into: &record,
                            timestamp: &timestampKey, message: &messageKey)
                    }
                }
                // A comma or the end of the object. The writer's `,"` right after the value is
                // taken in one compare: no whitespace to skip on either side of the comma.
                if i &+ 1 < end && UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self) == 0x222C {
                    i &+= 1
                    continue
                }
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
        return finish(p, i, end, &record, timestamp: timestampKey, message: messageKey)
    }

    /// After the object's `}` (at `i - 1`): only whitespace may follow. Then the seed's keys are
    /// mapped and `isError` set.
    @inline(__always)
    private mutating func finish(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ record: inout ScannedRecord,
        timestamp timestampKey: JSONValueRef?, message messageKey: JSONValueRef?
    ) -> ScanOutcome {
        let i = JSONSyntax.skipWhitespace(p, i, end)
        guard i == end else { return .malformed(MalformedReason(.trailingData, offset: i)) }
        if timestampKey != nil || messageKey != nil {
            SeedRecordMapper.map(&record, timestamp: timestampKey, message: messageKey, timestamps: &timestamps)
        }
        LineScanner.setIsError(&record)
        return .record
    }

    /// `outcome == "error"`, or without an `outcome`, `status >= 500`.
    @inline(__always)
    static func setIsError(_ record: inout ScannedRecord) {
        if let o = record.outcome {
            record.isError =
                o.kind == .string && o.raw.count == 5 && !o.hasEscapes
                && UnsafeRawPointer(o.raw.baseAddress!).loadUnaligned(as: UInt32.self) == 0x6F72_7265
                && o.raw[4] == 0x72
        } else if let s = record.status {
            record.isError = s >= 500
        }
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
}
