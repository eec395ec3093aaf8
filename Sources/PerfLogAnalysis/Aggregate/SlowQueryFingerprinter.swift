/// Normalises query text into the fingerprint that groups slow queries (literals become `?`).
enum SlowQueryFingerprinter {
    /// The fingerprint of the query in `raw` (a JSON string's contents, unescaped when needed).
    static func fingerprint(_ ref: JSONValueRef) -> String {
        if ref.kind == .string && ref.hasEscapes {
            var tmp: [UInt8] = []
            JSONValueRef.unescape(ref.raw, into: &tmp)
            return tmp.withUnsafeBytes { fingerprint(bytes: $0) }
        }
        return fingerprint(bytes: ref.raw)
    }

    /// Interim normaliser until the logger's `QueryFingerprint` lands: string and number literals
    /// become `?`, runs of whitespace one space, `IN (?, ?, …)` lists `IN (?)`, keywords kept as written.
    static func fingerprint(bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        func isIdent(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c >= 0x80
        }
        while i < n {
            let c = bytes[i]
            if c == 0x27 {
                i += 1
                while i < n {
                    if bytes[i] == 0x27 { if i + 1 < n && bytes[i + 1] == 0x27 { i += 2; continue }; break }
                    if bytes[i] == 0x5C { i += 1 }
                    i += 1
                }
                i += 1
                out.append(0x3F)
            } else if c >= 0x30 && c <= 0x39 && (out.isEmpty || !isIdent(out[out.count - 1])) {
                while i < n && (isIdent(bytes[i]) || bytes[i] == 0x2E) { i += 1 }
                out.append(0x3F)
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                while i < n && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 }
                if !out.isEmpty { out.append(0x20) }
            } else {
                out.append(c)
                i += 1
            }
        }
        while out.last == 0x20 { out.removeLast() }
        // Collapse lists of placeholders: "(?, ?, ?)" -> "(?)".
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        var k = 0
        while k < out.count {
            if out[k] == 0x3F, collapsed.last == 0x28 || (collapsed.count >= 2 && collapsed[collapsed.count - 1] == 0x28) {
                var j = k + 1
                while true {
                    var m = j
                    while m < out.count && out[m] == 0x20 { m += 1 }
                    guard m < out.count, out[m] == 0x2C else { break }
                    m += 1
                    while m < out.count && out[m] == 0x20 { m += 1 }
                    guard m < out.count, out[m] == 0x3F else { break }
                    j = m + 1
                }
                collapsed.append(0x3F)
                k = j
                continue
            }
            collapsed.append(out[k])
            k += 1
        }
        return String(decoding: collapsed, as: UTF8.self)
    }
}
