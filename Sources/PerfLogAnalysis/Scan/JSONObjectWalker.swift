/// Finds members of a JSON object lazily, for field paths the scanner did not extract
/// (`meta.user_id`, `meta.http.route`, any other top-level key).
///
/// Works on bytes the scanner has already validated, but stays bounds-safe on any input.
/// Duplicate keys: the last one wins, as in the scanner.
enum JSONObjectWalker {
    /// The value of member `key` (compared after decoding escapes) in `object`, the raw text of a
    /// JSON object (`{...}`), or `nil` when there is none or `object` is not an object.
    static func member(of object: UnsafeRawBufferPointer, named key: UnsafeRawBufferPointer) -> JSONValueRef? {
        guard let base = object.baseAddress, object.count >= 2 else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let end = object.count
        var fail = MalformedReason(.unexpectedEnd, offset: 0)
        var j = JSONSyntax.skipWhitespace(p, 0, end)
        guard j < end, p[j] == 0x7B else { return nil }
        j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        guard j < end, p[j] != 0x7D else { return nil }
        var found: JSONValueRef?
        while j < end, p[j] == 0x22 {
            var kesc = false
            let q = JSONSyntax.scanString(p, j &+ 1, end, escapes: &kesc, fail: &fail)
            guard q >= 0 else { return found }
            let k = UnsafeRawBufferPointer(start: p + (j &+ 1), count: q &- j &- 1)
            let matches = kesc ? decodedEquals(k, key) : WhereExpression.Comparison.equalBytes(k, key)
            j = JSONSyntax.skipWhitespace(p, q &+ 1, end)
            guard j < end, p[j] == 0x3A else { return found }
            j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
            guard j < end else { return found }
            let vstart = j
            var vesc = false
            if p[j] == 0x22 {
                let r = JSONSyntax.scanString(p, j &+ 1, end, escapes: &vesc, fail: &fail)
                guard r >= 0 else { return found }
                j = r &+ 1
            } else {
                j = JSONSyntax.skipValue(p, j, end, maxDepth: Int.max, fail: &fail)
                guard j >= 0 else { return found }
            }
            if matches { found = JSONSyntax.ref(p, vstart, j, escapes: vesc) }
            j = JSONSyntax.skipWhitespace(p, j, end)
            guard j < end, p[j] == 0x2C else { break }
            j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        }
        return found
    }

    /// The value at a dotted path below `value`: each component names a member of an object
    /// (or, for an array, a 0-based index).
    static func value(in value: JSONValueRef, path: ArraySlice<String>) -> JSONValueRef? {
        var current = value
        for component in path {
            switch current.kind {
            case .object:
                var name = component
                guard let next = name.withUTF8({ member(of: current.raw, named: UnsafeRawBufferPointer($0)) }) else {
                    return nil
                }
                current = next
            case .array:
                guard let index = Int(component), index >= 0, let next = element(of: current.raw, at: index) else {
                    return nil
                }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    /// The element at `index` of the JSON array `array` (raw text `[...]`).
    static func element(of array: UnsafeRawBufferPointer, at index: Int) -> JSONValueRef? {
        guard let base = array.baseAddress, array.count >= 2 else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let end = array.count
        var fail = MalformedReason(.unexpectedEnd, offset: 0)
        var j = JSONSyntax.skipWhitespace(p, 0, end)
        guard j < end, p[j] == 0x5B else { return nil }
        j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        var n = 0
        while j < end, p[j] != 0x5D {
            let vstart = j
            var vesc = false
            if p[j] == 0x22 {
                let r = JSONSyntax.scanString(p, j &+ 1, end, escapes: &vesc, fail: &fail)
                guard r >= 0 else { return nil }
                j = r &+ 1
            } else {
                j = JSONSyntax.skipValue(p, j, end, maxDepth: Int.max, fail: &fail)
                guard j >= 0 else { return nil }
            }
            if n == index { return JSONSyntax.ref(p, vstart, j, escapes: vesc) }
            n += 1
            j = JSONSyntax.skipWhitespace(p, j, end)
            guard j < end, p[j] == 0x2C else { return nil }
            j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        }
        return nil
    }

    private static func decodedEquals(_ escaped: UnsafeRawBufferPointer, _ key: UnsafeRawBufferPointer) -> Bool {
        var out: [UInt8] = []
        JSONValueRef.unescape(escaped, into: &out)
        return out.elementsEqual(key)
    }
}
