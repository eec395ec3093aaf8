/// The writer's own line shape, read in one straight pass.
///
/// perflog's writer emits the members of a line in one order, compact:
/// `{"ts":"…","level":"…","logger":"…","msg":"…","event":"…","op":"…","duration_ms":…,"outcome":"…",`
/// `"error":"…","status":…,"meta":{…}}`, `ts` always first, the others each present or not. For
/// such a line each member is one compare of its fixed bytes (comma, quoted key, colon and the
/// value's opening byte, up to 16 bytes) followed by its value, with no dispatch on the key and no
/// whitespace to skip: about a third of the general loop's work per member.
///
/// The values are read by the same routines as in the general loop (`scanString`,
/// `TimestampParser`, `fastLevel`, `DecimalParser.scanPlain`, `skipFlatObject`), so the record
/// is the one the general loop fills. Anything else (another order, another key, whitespace, a
/// value of another form, fewer than 16 readable bytes at a member) ends the pass, and the line
/// is scanned again from its start by the general loop.
extension LineScanner {
    /// A member's fixed bytes, little-endian: `w0` the first eight, `w1` the next, `count` in all.
    struct MemberPrefix {
        let w0: UInt64
        let w1: UInt64
        let count: Int

        /// `{"ts":"`
        static let ts = MemberPrefix(w0: 0x0022_3A22_7374_227B, w1: 0, count: 7)
        /// `,"level":"`
        static let level = MemberPrefix(w0: 0x226C_6576_656C_222C, w1: 0x223A, count: 10)
        /// `,"logger":"`
        static let logger = MemberPrefix(w0: 0x7265_6767_6F6C_222C, w1: 0x22_3A22, count: 11)
        /// `,"msg":"`
        static let msg = MemberPrefix(w0: 0x223A_2267_736D_222C, w1: 0, count: 8)
        /// `,"event":"`
        static let event = MemberPrefix(w0: 0x2274_6E65_7665_222C, w1: 0x223A, count: 10)
        /// `,"op":"`
        static let op = MemberPrefix(w0: 0x0022_3A22_706F_222C, w1: 0, count: 7)
        /// `,"duration_ms":`
        static let durationMs = MemberPrefix(w0: 0x6974_6172_7564_222C, w1: 0x003A_2273_6D5F_6E6F, count: 15)
        /// `,"outcome":"`
        static let outcome = MemberPrefix(w0: 0x6D6F_6374_756F_222C, w1: 0x223A_2265, count: 12)
        /// `,"error":"`
        static let error = MemberPrefix(w0: 0x2272_6F72_7265_222C, w1: 0x223A, count: 10)
        /// `,"status":`
        static let status = MemberPrefix(w0: 0x7375_7461_7473_222C, w1: 0x3A22, count: 10)
        /// `,"meta":{`
        static let meta = MemberPrefix(w0: 0x3A22_6174_656D_222C, w1: 0x7B, count: 9)

        /// Whether the bytes at `p + i` start with this prefix, which lies before `end`. Loads 16
        /// bytes: false when fewer than 16 are readable before `readEnd`.
        @inline(__always)
        func matches(_ p: UnsafePointer<UInt8>, _ i: Int, end: Int, readEnd: Int) -> Bool {
            guard i &+ 16 <= readEnd, i &+ count <= end else { return false }
            let m0: UInt64 = count >= 8 ? ~0 : (1 &<< UInt64(8 &* count)) &- 1
            let m1: UInt64 = count >= 16 ? ~0 : count <= 8 ? 0 : (1 &<< UInt64(8 &* (count &- 8))) &- 1
            let a = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(p + (i &+ 8)).loadUnaligned(as: UInt64.self)
            return (a & m0) == w0 && (b & m1) == w1
        }
    }

    /// Reads the first line of `bytes` (a chunk's lines from this one on) when it is of the
    /// writer's shape, starts with its `{` and ends with its `}` followed by `\n` or `\r\n`: the
    /// line's end is then known without searching for its newline first. The outcome is
    /// ``ScanOutcome/record`` and `record` what ``scan(_:slack:into:)`` gives for the line.
    ///
    /// - Parameters:
    ///   - bytes: the line and the bytes after it (more lines).
    ///   - slack: readable bytes after `bytes`, as for ``scan(_:slack:into:)``.
    /// - Returns: the line's length with its line break, or 0 for any other line (then `record`
    ///   holds anything: find the line's end and call ``scan(_:slack:into:)``, which resets it).
    public mutating func scanWriterLine(_ bytes: UnsafeRawBufferPointer, slack: Int, into record: inout ScannedRecord)
        -> Int
    {
        guard readsWriterShape && maxDepth >= 2, let base = bytes.baseAddress else { return 0 }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        let readEnd = n &+ max(0, slack)
        // Bounded by the chunk's end, the pass stops at the line's `}`: it never reads past a
        // `\n` (a control byte inside a string, not part of any member's bytes outside one), so
        // what it reads is what it reads with the line's end as bound.
        guard MemberPrefix.ts.matches(p, 0, end: n, readEnd: readEnd) else { return 0 }
        record.reset(line: bytes)
        let k = scanWriterShape(p, 0, n, readEnd: readEnd, into: &record)
        guard k > 0 else { return 0 }
        let length: Int
        if k < n && p[k] == 0x0A {
            length = k &+ 1
        } else if k &+ 1 < n && p[k] == 0x0D && p[k &+ 1] == 0x0A {
            length = k &+ 2
        } else {
            return 0
        }
        record.line = UnsafeRawBufferPointer(start: base, count: k)
        LineScanner.setIsError(&record)
        return length
    }

    /// Reads a line of the writer's shape whose `{` is at `start` into `record` (already reset).
    ///
    /// - Returns: the index just past the object's `}`, or -1 when the line is not of that shape
    ///   (`record` then holds part of the line: the caller resets it and scans the general way).
    @inline(__always)
    mutating func scanWriterShape(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, readEnd: Int, into record: inout ScannedRecord
    ) -> Int {
        // `{"ts":"` and the 27 bytes of a v1 timestamp, then its closing quote.
        guard MemberPrefix.ts.matches(p, start, end: end, readEnd: readEnd), start &+ 34 < end,
            p[start &+ 34] == 0x22,
            let t = timestamps.parse(UnsafeRawBufferPointer(start: p + (start &+ 7), count: 27))
        else { return -1 }
        record.timestamp = t
        record.tsRaw = JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(start: p + (start &+ 7), count: 27))
        var i = start &+ 35

        /// The string value whose contents start at `v`, and the index after its closing quote.
        @inline(__always) func string(_ v: Int, _ next: inout Int) -> JSONValueRef? {
            var escapes = false
            var fail = MalformedReason(.unexpectedEnd, offset: 0)
            let r = JSONSyntax.scanString(p, v, end, readEnd: readEnd, escapes: &escapes, fail: &fail)
            guard r >= 0 else { return nil }
            next = r &+ 1
            return JSONValueRef(
                kind: .string, raw: UnsafeRawBufferPointer(start: p + v, count: r &- v), hasEscapes: escapes)
        }

        if MemberPrefix.level.matches(p, i, end: end, readEnd: readEnd) {
            let v = i &+ 10
            guard v &+ 9 <= end else { return -1 }
            let (level, n) = LineScanner.fastLevel(UnsafeRawPointer(p + v).loadUnaligned(as: UInt64.self), p[v &+ 8])
            guard n > 0 else { return -1 }
            record.level = level
            record.levelRaw = JSONValueRef(kind: .string, raw: UnsafeRawBufferPointer(start: p + v, count: n))
            i = v &+ n &+ 1
        }
        if MemberPrefix.logger.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 11, &i) else { return -1 }
            record.logger = v
        }
        if MemberPrefix.msg.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 8, &i) else { return -1 }
            record.msg = v
        }
        if MemberPrefix.event.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 10, &i) else { return -1 }
            record.eventRaw = v
            record.event = LineScanner.eventKind(v)
        }
        if MemberPrefix.op.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 7, &i) else { return -1 }
            record.op = v
        }
        if MemberPrefix.durationMs.matches(p, i, end: end, readEnd: readEnd) {
            let v = i &+ 15
            var ms = 0.0
            guard v < end, (p[v] &- 0x30) < 10, case let s = DecimalParser.scanPlain(p, v, end, value: &ms), s >= 0
            else { return -1 }
            record.durationRaw = JSONValueRef(kind: .number, raw: UnsafeRawBufferPointer(start: p + v, count: s &- v))
            record.durationMs = ms
            i = s
        }
        if MemberPrefix.outcome.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 12, &i) else { return -1 }
            record.outcome = v
        }
        if MemberPrefix.error.matches(p, i, end: end, readEnd: readEnd) {
            guard let v = string(i &+ 10, &i) else { return -1 }
            record.error = v
        }
        if MemberPrefix.status.matches(p, i, end: end, readEnd: readEnd) {
            // An integer of at most 15 digits is its own value (`parseInt`'s for those bytes).
            let v = i &+ 10
            var m: UInt64 = 0
            var fraction = 0
            guard v < end, (p[v] &- 0x30) < 10,
                case let s = DecimalParser.plainDigits(p, v, end, mantissa: &m, fraction: &fraction), s >= 0,
                fraction == 0
            else { return -1 }
            record.statusRaw = JSONValueRef(kind: .number, raw: UnsafeRawBufferPointer(start: p + v, count: s &- v))
            record.status = Int(m)
            i = s
        }
        if MemberPrefix.meta.matches(p, i, end: end, readEnd: readEnd) {
            // Objects nest one level below the line's: the caller checks that `maxDepth` allows it.
            let v = i &+ 8
            let s = JSONSyntax.skipFlatObject(p, v, end, readEnd: readEnd)
            guard s >= 0 else { return -1 }
            record.meta = JSONValueRef(kind: .object, raw: UnsafeRawBufferPointer(start: p + v, count: s &- v))
            i = s
        }
        guard i < end, p[i] == 0x7D else { return -1 }
        return i &+ 1
    }
}
