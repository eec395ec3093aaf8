import PerfLog

/// Fingerprints slow queries again on read (with the logger's ``QueryFingerprint``), so that raw
/// SQL from any source groups correctly and no literal is ever kept.
enum SlowQueryFingerprinter {
    /// Writes the fingerprint of the query `ref` (a JSON string, unescaped first when needed) by
    /// `fingerprinter` into `out` (cleared first). `unescaped` is scratch space.
    static func fingerprint(
        _ ref: JSONValueRef, with fingerprinter: QueryFingerprint, into out: inout [UInt8], unescaped: inout [UInt8]
    ) {
        out.removeAll(keepingCapacity: true)
        if ref.kind == .string && ref.hasEscapes {
            unescaped.removeAll(keepingCapacity: true)
            JSONValueRef.unescape(ref.raw, into: &unescaped)
            unescaped.withUnsafeBytes { fingerprinter.fingerprint(bytes: $0, into: &out) }
        } else {
            fingerprinter.fingerprint(bytes: ref.raw, into: &out)
        }
    }
}
