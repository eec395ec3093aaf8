import Testing

@testable import PerfLog

/// Where SQL dialects lex differently, each dialect reads the query as its database would, and
/// `generic` writes one `?` from the first point of doubt to the end of the query.
@Suite struct QueryFingerprintDialectTests {
    /// A query and its fingerprint in generic, mysql, postgresql and sqlite.
    struct Case: Sendable, CustomTestStringConvertible {
        var query: String
        var generic: String
        var mysql: String
        var postgresql: String
        var sqlite: String
        var testDescription: String { query.debugDescription }

        func expected(_ d: SQLDialect) -> String {
            switch d {
            case .generic: generic
            case .mysql: mysql
            case .postgresql: postgresql
            case .sqlite: sqlite
            }
        }
    }

    static let cases: [Case] = [
        // A backslash ends a PostgreSQL standard string and escapes the quote in MySQL.
        Case(
            query: #"SELECT * FROM files WHERE path = 'C:\dir\' AND owner = 'Johnathan SECRET'"#,
            generic: "SELECT * FROM files WHERE path = ?",
            mysql: "SELECT * FROM files WHERE path = ? johnathan secret ?",
            postgresql: "SELECT * FROM files WHERE path = ? AND owner = ?",
            sqlite: "SELECT * FROM files WHERE path = ? AND owner = ?"),
        Case(
            query: #"SELECT * FROM t WHERE name = 'O\'Brien SECRET' AND x = 1"#,
            generic: "SELECT * FROM t WHERE name = ?",
            mysql: "SELECT * FROM t WHERE name = ? AND x = ?",
            postgresql: "SELECT * FROM t WHERE name = ? brien secret ?",
            sqlite: "SELECT * FROM t WHERE name = ? brien secret ?"),
        // Backslashes on which every dialect agrees keep the query whole.
        Case(
            query: #"SELECT * FROM t WHERE a = 'x\\y' AND b = '\n' AND c = 2"#,
            generic: "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?",
            mysql: "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?",
            postgresql: "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?",
            sqlite: "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?"),
        // PostgreSQL nests block comments; the others end them at the first */.
        Case(
            query: "SELECT * FROM t /* a /* b */ SECRET */ WHERE x = 1",
            generic: "SELECT * FROM t ?",
            mysql: "SELECT * FROM t secret * / WHERE x = ?",
            postgresql: "SELECT * FROM t WHERE x = ?",
            sqlite: "SELECT * FROM t secret * / WHERE x = ?"),
        // Oracle's q'[…]' ends at ]' in every dialect's reading, or the rest is replaced.
        Case(
            query: "SELECT q'[it's SECRET]' FROM dual",
            generic: "SELECT ?", mysql: "SELECT ?", postgresql: "SELECT ?", sqlite: "SELECT ?"),
        Case(
            query: "SELECT q'[plain]', 1 FROM dual",
            generic: "SELECT ?, ? FROM dual", mysql: "SELECT ?, ? FROM dual", postgresql: "SELECT ?, ? FROM dual",
            sqlite: "SELECT ?, ? FROM dual"),
        // # is a MySQL comment and a PostgreSQL operator.
        Case(
            query: "SELECT * FROM t WHERE a = 1 # owner's note\nAND b = 2",
            generic: "SELECT * FROM t WHERE a = ? ?",
            mysql: "SELECT * FROM t WHERE a = ? AND b = ?",
            postgresql: "SELECT * FROM t WHERE a = ? # owner ?",
            sqlite: "SELECT * FROM t WHERE a = ? # owner ?"),
        Case(
            query: "SELECT data #> '{a,b}', x FROM t # note\nWHERE y = 1",
            generic: "SELECT data ? WHERE y = ?",
            mysql: "SELECT data WHERE y = ?",
            postgresql: "SELECT data #> ?, x FROM t # note WHERE y = ?",
            sqlite: "SELECT data #> ?, x FROM t # note WHERE y = ?"),
        // -- before a non-space is a comment except in MySQL.
        Case(
            query: "SELECT a --x\nFROM t",
            generic: "SELECT a ? FROM t",
            mysql: "SELECT a - - x FROM t",
            postgresql: "SELECT a FROM t",
            sqlite: "SELECT a FROM t"),
        // $tag$…$tag$ is a string in PostgreSQL only.
        Case(
            query: "SELECT $a$ 'x $a$ SECRET'",
            generic: "SELECT ?",
            mysql: "SELECT $a$ ?",
            postgresql: "SELECT ? secret ?",
            sqlite: "SELECT ? ?"),
        Case(
            query: "DO $$BEGIN PERFORM f('SECRET', 42); END$$",
            generic: "DO ?",
            mysql: "DO $$begin perform f(?, ?); end$$",
            postgresql: "DO ?",
            sqlite: "DO ? perform f(?, ?); end$$"),
        // "…" is a string in MySQL, an identifier in PostgreSQL, either in SQLite.
        Case(
            query: #"SELECT "Name" FROM "Users" WHERE "Email" = 'a@b.c'"#,
            generic: "SELECT ? FROM ? WHERE ? = ?",
            mysql: "SELECT ? FROM ? WHERE ? = ?",
            postgresql: #"SELECT "Name" FROM "Users" WHERE "Email" = ?"#,
            sqlite: "SELECT ? FROM ? WHERE ? = ?"),
        Case(
            query: #"SELECT * FROM t WHERE a = "C:\dir\" AND b = "SECRET""#,
            generic: "SELECT * FROM t WHERE a = ?",
            mysql: "SELECT * FROM t WHERE a = ? secret ?",
            postgresql: #"SELECT * FROM t WHERE a = "C:\dir\" AND b = "SECRET""#,
            sqlite: "SELECT * FROM t WHERE a = ? AND b = ?"),
        // E'…' has backslash escapes in PostgreSQL.
        Case(
            query: #"SELECT E'it\'s SECRET' FROM t"#,
            generic: "SELECT ?",
            mysql: "SELECT ? FROM t",
            postgresql: "SELECT ? FROM t",
            sqlite: "SELECT ? s secret ?"),
        // [ … ] is an identifier in SQLite, a subscript in PostgreSQL.
        Case(
            query: "SELECT [a'b] FROM t WHERE x = 'SECRET'",
            generic: "SELECT ?",
            mysql: "SELECT [a ? secret ?",
            postgresql: "SELECT [a ? secret ?",
            sqlite: "SELECT [a'b] FROM t WHERE x = ?"),
        Case(
            query: "SELECT data['key'] FROM t",
            generic: "SELECT data[?] FROM t",
            mysql: "SELECT data[?] FROM t",
            postgresql: "SELECT data[?] FROM t",
            sqlite: "SELECT data ['key'] FROM t"),
    ]

    @Test(arguments: cases)
    func readsTheQueryAsEachDialectDoes(_ c: Case) {
        for d in SQLDialect.allCases {
            let out = QueryFingerprint(dialect: d).fingerprint(c.query)
            #expect(out == c.expected(d), "\(d)")
            #expect(QueryFingerprint(dialect: d).fingerprint(out) == out, "\(d) is idempotent")
        }
    }

    @Test func genericIsTheDefault() {
        #expect(QueryFingerprint().dialect == .generic)
        #expect(SlowQueryPolicy().fingerprint.dialect == .generic)
        #expect(SQLDialect(rawValue: "postgresql") == .postgresql)
        #expect(SQLDialect.allCases.map(\.rawValue) == ["generic", "mysql", "postgresql", "sqlite"])
    }

    @Test func foldsTheCaseOfUnquotedWordsOutsideTheKeywordList() {
        let f = QueryFingerprint()
        #expect(f.fingerprint("SHOW STATUS") == "show status")
        #expect(f.fingerprint("show status") == "show status")
        #expect(f.fingerprint("SELECT Name FROM Users WHERE ID = 1") == "SELECT name FROM users WHERE id = ?")
        #expect(f.fingerprint("SELECT `Name`, straße, ÄRGER FROM t") == "SELECT `Name`, straße, Ärger FROM t")
        #expect(
            QueryFingerprint(dialect: .postgresql).fingerprint(#"SELECT "Name" FROM T"#) == #"SELECT "Name" FROM t"#)
    }

    @Test func readsANegativeNumberAfterAnUnlistedWordAsOneLiteral() {
        let f = QueryFingerprint()
        #expect(f.fingerprint("RETURN -1") == "return ?")
        #expect(f.fingerprint("RETURN -1") == f.fingerprint("RETURN 5"))
        #expect(f.fingerprint("KILL QUERY -42") == "kill query ?")
        #expect(f.fingerprint("SELECT a - 1, a-1, a -b FROM t") == "SELECT a - ?, a - ?, a - b FROM t")
        #expect(f.fingerprint("DO $$BEGIN RETURN -1; END$$") == "DO ?")
    }
}
