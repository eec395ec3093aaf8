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

    /// Calls `body` with each member's key (escapes decoded) and value, in order, of `object`, the
    /// raw text of a JSON object; stops at the first syntax error.
    static func forEachMember(of object: UnsafeRawBufferPointer, _ body: (String, JSONValueRef) -> Void) {
        guard let base = object.baseAddress, object.count >= 2 else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let end = object.count
        var fail = MalformedReason(.unexpectedEnd, offset: 0)
        var j = JSONSyntax.skipWhitespace(p, 0, end)
        guard j < end, p[j] == 0x7B else { return }
        j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        while j < end, p[j] == 0x22 {
            var kesc = false
            let q = JSONSyntax.scanString(p, j &+ 1, end, escapes: &kesc, fail: &fail)
            guard q >= 0 else { return }
            let key = JSONSyntax.ref(p, j, q &+ 1, escapes: kesc).string
            j = JSONSyntax.skipWhitespace(p, q &+ 1, end)
            guard j < end, p[j] == 0x3A else { return }
            j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
            guard j < end else { return }
            let vstart = j
            var vesc = false
            if p[j] == 0x22 {
                let r = JSONSyntax.scanString(p, j &+ 1, end, escapes: &vesc, fail: &fail)
                guard r >= 0 else { return }
                j = r &+ 1
            } else {
                j = JSONSyntax.skipValue(p, j, end, maxDepth: Int.max, fail: &fail)
                guard j >= 0 else { return }
            }
            body(key, JSONSyntax.ref(p, vstart, j, escapes: vesc))
            j = JSONSyntax.skipWhitespace(p, j, end)
            guard j < end, p[j] == 0x2C else { return }
            j = JSONSyntax.skipWhitespace(p, j &+ 1, end)
        }
    }

    /// The value at a dotted path below `value`: each component names a member of an object
    /// (or, for an array, a 0-based index). When the nested lookup finds nothing in an object, the
    /// rest of the path joined with dots is tried as one key, so `meta.http.route` reads the key
    /// `http.route` when there is no `http` object (nested members win when both exist).
    static func value(in value: JSONValueRef, path: ArraySlice<String>) -> JSONValueRef? {
        guard let component = path.first else { return value }
        switch value.kind {
        case .object:
            var name = component
            if let next = name.withUTF8({ member(of: value.raw, named: UnsafeRawBufferPointer($0)) }),
                let found = self.value(in: next, path: path.dropFirst())
            {
                return found
            }
            guard path.count > 1 else { return nil }
            return withJoinedKey(path) { member(of: value.raw, named: $0) }
        case .array:
            guard let index = Int(component), index >= 0, let next = element(of: value.raw, at: index) else {
                return nil
            }
            return self.value(in: next, path: path.dropFirst())
        default:
            return nil
        }
    }

    /// Calls `body` with the components joined by dots, built on the stack (no allocation).
    static func withJoinedKey<R>(_ path: ArraySlice<String>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var length = path.count - 1
        for c in path { length += c.utf8.count }
        return withUnsafeTemporaryAllocation(byteCount: max(1, length), alignment: 1) { buffer in
            var at = 0
            for (k, c) in path.enumerated() {
                if k > 0 {
                    buffer[at] = 0x2E
                    at += 1
                }
                for byte in c.utf8 {
                    buffer[at] = byte
                    at += 1
                }
            }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        }
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
