import FuzzSupport
import PerfLog

/// The fuzzer's bytes as choices: each pick reads the next byte (zero once they run out), so a
/// mutation of the input changes which literals, spellings and contexts the statement holds.
struct ByteChoices: StatementChoices {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func pick(_ count: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return Int(bytes[offset]) % count
    }
}

/// Fuzzes the privacy property of `QueryFingerprint`: the input chooses a statement made of
/// random literals and comments in random contexts (`PrivateStatement`, shared with the unit
/// tests), spelled as each dialect spells them; no marker placed in a literal or comment, and no
/// digit, may appear in that dialect's fingerprint, at the default cap and at a small one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for dialect in SQLDialect.allCases {
        var choices = ByteChoices(bytes: bytes)
        let statement = PrivateStatement.make(dialect: dialect, using: &choices)
        for fp in [QueryFingerprint(dialect: dialect), QueryFingerprint(maxLength: 40, dialect: dialect)] {
            let out = fp.fingerprint(statement.text)
            if let leak = statement.leak(in: out) {
                fuzzCheck(
                    false,
                    "\(dialect): \(leak) leaked from \(statement.text.debugDescription) -> \(out.debugDescription)")
            }
            // Token for token, as FuzzQueryFingerprint checks it.
            let again = fp.fingerprint(out)
            fuzzCheck(
                again.filter { $0 != " " } == out.filter { $0 != " " },
                "\(dialect): not idempotent: \(out.debugDescription)")
        }
    }
    return 0
}
