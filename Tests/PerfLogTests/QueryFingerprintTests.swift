import Testing

@testable import PerfLog

@Suite struct QueryFingerprintTests {
    static let cases: [(String, String)] = [
        ("SELECT * FROM users WHERE id = 42", "SELECT * FROM users WHERE id = ?"),
        ("select * from users where id=7", "SELECT * FROM users WHERE id = ?"),
        ("SELECT name FROM users WHERE email = 'alice@example.com'", "SELECT name FROM users WHERE email = ?"),
        ("SELECT * FROM t WHERE name = 'O''Brien'", "SELECT * FROM t WHERE name = ?"),
        // Generic cannot know whether the backslash escapes the quote: the rest becomes one ?.
        ("SELECT * FROM t WHERE name = 'O\\'Brien' AND x = 1", "SELECT * FROM t WHERE name = ?"),
        (
            "SELECT * FROM t WHERE a = -42 AND b=-4.5e-3 AND c = 1E10 AND d = +7",
            "SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ?"
        ),
        (
            "SELECT * FROM t WHERE a = 0xFF AND b = X'0A' AND c = b'101'",
            "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?"
        ),
        (
            "SELECT * FROM t WHERE active = TRUE AND deleted = false AND x IS NULL",
            "SELECT * FROM t WHERE active = ? AND deleted = ? AND x IS ?"
        ),
        ("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)"),
        ("SELECT * FROM t WHERE id in ('a','b') AND k IN(1)", "SELECT * FROM t WHERE id IN (?) AND k IN (?)"),
        ("SELECT * FROM t WHERE id IN ($1, $2, $3) OR id IN (?, ?)", "SELECT * FROM t WHERE id IN (?) OR id IN (?)"),
        ("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')", "INSERT INTO t(a, b) VALUES (?)"),
        ("INSERT INTO t VALUES (1, 2)", "INSERT INTO t VALUES (?)"),
        ("INSERT INTO t VALUES (1, NOW()), (2, NOW())", "INSERT INTO t VALUES (?, now()), (?, now())"),
        (
            "SELECT * FROM orders_2023 o JOIN t1 ON t1.id = o.t1_id",
            "SELECT * FROM orders_2023 o JOIN t1 ON t1.id = o.t1_id"
        ),
        ("SELECT * FROM t WHERE a = $1 AND b = $2", "SELECT * FROM t WHERE a = ? AND b = ?"),
        (
            "SELECT * FROM t WHERE a = ? AND b = :name AND c = @p1 AND d = %s AND e = %(email)s",
            "SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ?"
        ),
        ("SELECT /* comment 42 */ a -- trailing 'x'\nFROM t # mysql 7\nWHERE b = 1", "SELECT a FROM t ? WHERE b = ?"),
        ("SELECT a,\n       b\n  FROM t\n WHERE c =\n   5\n ORDER BY a", "SELECT a, b FROM t WHERE c = ? ORDER BY a"),
        (
            "SELECT count(*) FROM t WHERE created_at > '2026-01-01'::date",
            "SELECT count(*) FROM t WHERE created_at > ?::date"
        ),
        ("UPDATE users SET name='Bob', age=30 WHERE id=5;", "UPDATE users SET name = ?, age = ? WHERE id = ?"),
        ("SELECT a-1, b+2, c*3, d/4 FROM t", "SELECT a - ?, b + ?, c * ?, d / ? FROM t"),
        ("SELECT $$secret text$$, $tag$more 'x' text$tag$ FROM t", "SELECT ?, ? FROM t"),
        (
            "SELECT * FROM t WHERE id IN (SELECT uid FROM u WHERE x = 1)",
            "SELECT * FROM t WHERE id IN (SELECT uid FROM u WHERE x = ?)"
        ),
        ("SELECT * FROM t WHERE name = \"John\"", "SELECT * FROM t WHERE name = ?"),
        ("SELECT `order`, `t`.`x` FROM `t`", "SELECT `order`, `t`.`x` FROM `t`"),
        ("SELECT * FROM t WHERE a = 'unterminated and secret", "SELECT * FROM t WHERE a = ?"),
        ("SELECT * FROM t WHERE a = E'\\n' AND b = N'x'", "SELECT * FROM t WHERE a = ? AND b = ?"),
        ("SELECT * FROM t WHERE a > .5 AND b < 5.", "SELECT * FROM t WHERE a > ? AND b < ?"),
        (
            "SELECT * FROM t WHERE a<>1 AND b!=2 AND c>=3 AND d<=4",
            "SELECT * FROM t WHERE a <> ? AND b != ? AND c >= ? AND d <= ?"
        ),
        ("SELECT data->>'name', data #> '{a,b}' FROM t", "SELECT data ->> ?, data ?"),
        ("SELECT straße FROM t WHERE x = 'ü'", "SELECT straße FROM t WHERE x = ?"),
        ("SELECT * FROM t LIMIT 10 OFFSET 20", "SELECT * FROM t LIMIT ? OFFSET ?"),
        (
            "SELECT * FROM messages WHERE session_id IN (161, 464, 3, 976) ORDER BY created_at DESC LIMIT 29",
            "SELECT * FROM messages WHERE session_id IN (?) ORDER BY created_at DESC LIMIT ?"
        ),
        ("Select A From T", "SELECT a FROM t"),
        ("SELECT * FROM t WHERE d BETWEEN '2020-01-01' AND '2020-12-31'", "SELECT * FROM t WHERE d BETWEEN ? AND ?"),
        ("SELECT -1", "SELECT ?"),
        ("SELECT t.* FROM t", "SELECT t.* FROM t"),
        ("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN (?)"),
        ("  \n\tSELECT 1 ;  ", "SELECT ?"),
        ("SELECT a::int, @@version FROM t", "SELECT a::int, @@version FROM t"),
        ("", ""),
    ]

    @Test(arguments: cases)
    func fingerprintsAQuery(_ input: String, _ expected: String) {
        #expect(QueryFingerprint().fingerprint(input) == expected)
        var bytes = Array(input.utf8)
        let viaBytes = bytes.withUnsafeMutableBytes {
            QueryFingerprint().fingerprint(bytes: UnsafeRawBufferPointer($0))
        }
        #expect(String(decoding: viaBytes, as: UTF8.self) == expected)
    }

    @Test func isIdempotentSoReadersMayFingerprintAgain() {
        let f = QueryFingerprint()
        let short = QueryFingerprint(maxLength: 24)
        var inputs = Self.cases.map(\.0)
        inputs.append("SELECT " + Array(repeating: "column_name", count: 200).joined(separator: ", ") + " FROM t")
        for q in inputs {
            let once = f.fingerprint(q)
            #expect(f.fingerprint(once) == once, "\(q)")
            let cut = short.fingerprint(q)
            #expect(short.fingerprint(cut) == cut, "\(q)")
        }
    }

    @Test func givesEqualFingerprintsForQueriesThatDifferOnlyInLiteralsAndSpacing() {
        let f = QueryFingerprint()
        #expect(f.fingerprint("SELECT * FROM t WHERE id = 42") == f.fingerprint("select *\n  from t where id=7"))
        #expect(f.fingerprint("WHERE x IN (1)") == f.fingerprint("WHERE x IN (1, 2, 3, 4, 5)"))
        #expect(
            f.fingerprint("INSERT INTO t VALUES (1, 'a')")
                == f.fingerprint("INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c')"))
    }

    @Test func keepsDoubleQuotedIdentifiersWhenConfigured() {
        let f = QueryFingerprint(dialect: .postgresql)
        #expect(
            f.fingerprint("SELECT \"Name\" FROM \"Users\" WHERE id = 1")
                == "SELECT \"Name\" FROM \"Users\" WHERE id = ?")
    }

    @Test func capsTheLengthAfterTheLastWholeToken() {
        let columns = "SELECT " + (0..<400).map { "c\($0)" }.joined(separator: ", ") + " FROM t"
        let out = QueryFingerprint().fingerprint(columns)
        #expect(out.utf8.count <= 1024)
        #expect(out.utf8.count >= 1014)
        #expect(out.hasPrefix("SELECT c0, c1, c2"))
        #expect(out.hasSuffix(", …"))
        #expect(QueryFingerprint(maxLength: 20).fingerprint("SELECT a, b, c, d, e, f, g FROM t") == "SELECT a, b, c, …")
        #expect(
            QueryFingerprint(maxLength: 20).fingerprint("SELECT a FROM t WHERE x IN (1, 2, 3)") == "SELECT a FROM t …")
        #expect(QueryFingerprint.defaultMaxLength == 1024)
    }

    @Test func cutsASingleHugeTokenAtACharacterBoundary() {
        let huge = String(repeating: "é", count: 3000)
        #expect(QueryFingerprint().fingerprint("SELECT " + huge + " FROM t") == "SELECT …")
        let alone = QueryFingerprint().fingerprint(huge)
        #expect(alone == String(repeating: "é", count: 510) + "…")
        #expect(alone.utf8.count == 1023)
    }

    @Test func collapsesLongListsBeforeCapping() {
        let ids = (0..<5000).map(String.init).joined(separator: ", ")
        #expect(
            QueryFingerprint().fingerprint("SELECT * FROM t WHERE id IN (\(ids))") == "SELECT * FROM t WHERE id IN (?)")
    }

    @Test func neverLetsARandomLiteralThrough() {
        var g = SplitMix64(seed: 42)
        let f = QueryFingerprint()
        for _ in 0..<2000 {
            let secret = "Zq" + String(g.next() % 1_000_000_007)
            let number = String(g.next() % 1_000_000) + "." + String(g.next() % 1000 + 1000)
            let templates = [
                "SELECT * FROM t WHERE a = '\(secret)' AND b = \(number)",
                "SELECT * FROM t WHERE a IN ('\(secret)', \(number)) -- \(secret)",
                "INSERT INTO t VALUES ('\(secret)', -\(number)), (\"\(secret)\", \(number)e-3)",
                "UPDATE t SET a = $q$\(secret)$q$ /* \(secret) */ WHERE b=\(number)",
                "SELECT 'it''s \(secret)', E'\\'\(secret)', x FROM t WHERE y=\(number)",
            ]
            for q in templates {
                let out = f.fingerprint(q)
                #expect(!out.contains(secret), "\(q) -> \(out)")
                #expect(!out.contains(number), "\(q) -> \(out)")
                #expect(f.fingerprint(out) == out)
            }
        }
    }

    @Test func survivesArbitraryBytes() {
        var g = SplitMix64(seed: 7)
        let f = QueryFingerprint(maxLength: 64)
        for _ in 0..<2000 {
            let bytes = (0..<(g.next() % 200)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            let out = bytes.withUnsafeBytes { f.fingerprint(bytes: $0) }
            #expect(out.count <= 64)
            #expect(out.withUnsafeBytes { f.fingerprint(bytes: $0) } == out, "\(bytes)")
        }
    }
}
