import Testing

@testable import PerfLog

extension SplitMix64: StatementChoices {
    mutating func pick(_ count: Int) -> Int { Int(next() % UInt64(count)) }
}

/// The privacy property of ``QueryFingerprint`` over generated statements: for random literals
/// and comments in random contexts, spelled as each dialect spells them, no byte of a literal
/// reaches the fingerprint (the fuzz target `FuzzQueryPrivacy` checks the same with random bytes).
@Suite struct QueryFingerprintPrivacyTests {
    @Test(arguments: SQLDialect.allCases)
    func noLiteralOfTheDialectReachesTheFingerprint(_ dialect: SQLDialect) {
        var g = SplitMix64(seed: 0x5EC2E7)
        let f = QueryFingerprint(dialect: dialect)
        let short = QueryFingerprint(maxLength: 48, dialect: dialect)
        var failures = 0
        for _ in 0..<3000 {
            let statement = PrivateStatement.make(dialect: dialect, using: &g)
            for fp in [f, short] {
                let out = fp.fingerprint(statement.text)
                if let leak = statement.leak(in: out), failures < 5 {
                    failures += 1
                    Issue.record(
                        "\(dialect): \(leak) leaked from \(statement.text.debugDescription) -> \(out.debugDescription)")
                }
            }
        }
    }

    @Test func theGeneratorPlacesSecretsTheFingerprinterWouldOtherwiseShow() {
        // The property is only as strong as its statements: written raw, every one shows its secrets.
        var g = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let statement = PrivateStatement.make(dialect: .generic, using: &g)
            #expect(statement.leak(in: statement.text) != nil)
        }
    }
}
