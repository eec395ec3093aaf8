import FuzzSupport
import PerfLog

/// Fuzzes `QueryFingerprint`. Invariants checked on every input:
/// - the result is at most `maxLength` bytes;
/// - it is valid UTF-8 whenever the query is;
/// - no digit run survives except inside an identifier (`t1`, `orders_2023`, `` `2023` ``): a
///   digit run in the output is preceded by a letter, `_`, `$` or a non-ASCII byte, or is backquoted
///   (checked in the dialects that keep no other quoted identifier: generic and mysql);
/// - fingerprinting is idempotent (up to spaces) for results that were not cut at the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let small = QueryFingerprint(maxLength: 64)
    let dialects = SQLDialect.allCases.map { QueryFingerprint(dialect: $0) }
    for fp in [small] + dialects {
        let out = fp.fingerprint(bytes: bytes)
        fuzzCheck(out.count <= fp.maxLength, "length \(out.count) > \(fp.maxLength)")
        let inputIsUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if inputIsUTF8 {
            fuzzCheck(String(validating: out, as: UTF8.self) != nil, "invalid UTF-8 out of valid UTF-8")
        }
        if fp.dialect == .generic || fp.dialect == .mysql {
            var i = 0
            while i < out.count {
                let c = out[i]
                if c == 0x60 {  // a backquoted identifier is kept as written
                    i += 1
                    while i < out.count && out[i] != 0x60 { i += 1 }
                    i += 1
                } else if c >= 0x30 && c <= 0x39 {
                    let before: UInt8 = i > 0 ? out[i - 1] : 0x20
                    let inWord =
                        (before | 0x20 >= 0x61 && before | 0x20 <= 0x7A) || before == 0x5F || before == 0x24
                        || before >= 0x80
                    fuzzCheck(inWord, "digit literal survived: \(String(decoding: out, as: UTF8.self))")
                    while i < out.count && out[i] >= 0x30 && out[i] <= 0x39 { i += 1 }
                } else {
                    i += 1
                }
            }
        }
        let cut = isCut(out)
        if !cut && inputIsUTF8 {
            let again = out.withUnsafeBytes { fp.fingerprint(bytes: $0) }
            // Token for token: spacing around runs of operators such as `:::` may settle on the
            // second pass, which is harmless (no literal appears or disappears).
            let againCut = isCut(again)
            fuzzCheck(
                againCut || again.filter { $0 != 0x20 } == out.filter { $0 != 0x20 },
                "not idempotent: \(String(decoding: out, as: UTF8.self)) -> \(String(decoding: again, as: UTF8.self))")
        }
    }
    return 0
}

/// Whether a fingerprint was cut at the length cap (it then ends in `…`, or `...` in older builds).
func isCut(_ b: [UInt8]) -> Bool {
    b.count >= 3 && (b.suffix(3) == [0x2E, 0x2E, 0x2E] || b.suffix(3) == [0xE2, 0x80, 0xA6])
}
