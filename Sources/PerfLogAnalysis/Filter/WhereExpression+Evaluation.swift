import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension WhereExpression.Node {
    func evaluate(_ r: some WhereFieldSource) -> Bool {
        switch self {
        case .all(let items):
            for n in items where !n.evaluate(r) { return false }
            return true
        case .any(let items):
            for n in items where n.evaluate(r) { return true }
            return false
        case .not(let n):
            return !n.evaluate(r)
        case .exists(let f):
            guard let v = r.value(of: f) else { return false }
            return v.kind != .null
        case .compare(let c):
            return c.evaluate(r)
        }
    }
}

extension WhereExpression.Comparison {
    func evaluate(_ r: some WhereFieldSource) -> Bool {
        switch value {
        case .null:
            let v = r.value(of: field)
            let isNull = v == nil || v?.kind == .null
            return op == .eq ? isNull : !isNull
        case .number(let x):
            guard let y = r.number(of: field) else { return false }
            return Self.order(y < x ? -1 : y > x ? 1 : 0, op)
        case .bool(let b):
            guard let v = r.value(of: field), v.kind == .bool else { return false }
            let vb = v.raw.first == UInt8(ascii: "t")
            switch op {
            case .eq: return vb == b
            case .ne: return vb != b
            default: return false
            }
        case .string(let s):
            guard let v = r.value(of: field), v.kind != .null else { return false }
            if field.special == .level, let want = s.level, v.kind == .string,
                let have = v.hasEscapes ? PerfLevel(name: v.string) : PerfLevel(bytes: v.raw)
            {
                return Self.order(Int(have.rawValue) - Int(want.rawValue), op)
            }
            if field.special == .ts, let want = s.timestamp, v.kind == .string, !v.hasEscapes,
                let have = Timestamp(bytes: v.raw)
            {
                return Self.order(have < want ? -1 : have > want ? 1 : 0, op)
            }
            return Self.withText(v) { text in
                s.bytes.withUnsafeBytes { lit in
                    if op == .eq || op == .ne {
                        return Self.equalBytes(text, lit) == (op == .eq)
                    }
                    return Self.order(Self.compareBytes(text, lit), op)
                }
            }
        case .glob(let g):
            guard let v = r.value(of: field), v.kind != .null else { return false }
            let hit = Self.withText(v) { g.matches($0) }
            return op == .notMatch ? !hit : hit
        case .regex(let re):
            guard let v = r.value(of: field), v.kind != .null else { return false }
            let hit = re.matches(v.string)
            return op == .notMatch ? !hit : hit
        }
    }

    /// Applies `op` to the sign of a three-way comparison.
    @inline(__always)
    static func order(_ c: Int, _ op: WhereExpression.Operator) -> Bool {
        switch op {
        case .eq: c == 0
        case .ne: c != 0
        case .lt: c < 0
        case .le: c <= 0
        case .gt: c > 0
        case .ge: c >= 0
        case .match, .notMatch: false
        }
    }

    /// Calls `body` with a value's text: decoded contents for strings, raw text otherwise.
    @inline(__always)
    static func withText<R>(_ v: JSONValueRef, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard v.kind == .string, v.hasEscapes else { return body(v.raw) }
        var out: [UInt8] = []
        JSONValueRef.unescape(v.raw, into: &out)
        return out.withUnsafeBytes(body)
    }

    /// Byte-wise equality.
    @inline(__always)
    static func equalBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// Byte-wise three-way comparison.
    static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            let x = a[i]
            let y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i += 1
        }
        return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
    }
}
