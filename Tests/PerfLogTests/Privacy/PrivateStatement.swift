// Shared by the unit tests (QueryFingerprintPrivacyTests) and the fuzz target FuzzQueryPrivacy,
// which links this file through a symbolic link: one generator, two drivers.
import PerfLog

/// A source of choices: a seeded generator in the unit tests, the fuzzer's bytes in `Fuzz/`.
protocol StatementChoices {
    /// A number in `0..<count` (`count` ≥ 1).
    mutating func pick(_ count: Int) -> Int
}

/// A random SQL statement made of random literals and comments placed in random contexts, spelled
/// as `dialect` spells them (any dialect's spelling for ``SQLDialect/generic``, Oracle's `q'[…]'`
/// in every dialect), with the secrets that must not appear in its fingerprint.
///
/// Every literal and comment holds one or more secret markers (`qz` and five letters) between
/// the characters that confuse lexers (quotes, backslashes, `*/`, `$$`, `#`, `--`, newlines,
/// brackets). Identifiers and keywords hold no digit and no `qz`, so a fingerprint leaks iff it
/// contains a marker (ignoring case) or any digit.
struct PrivateStatement {
    /// The statement as UTF-8 text.
    var text: String
    /// The markers placed inside literals and comments, lower-cased.
    var secrets: [String]

    /// How a literal or comment is spelled.
    enum Spelling: CaseIterable {
        case mysql, postgresql, sqlite, oracle
    }

    static func spellings(for dialect: SQLDialect) -> [Spelling] {
        switch dialect {
        case .generic: Spelling.allCases
        case .mysql: [.mysql, .oracle]
        case .postgresql: [.postgresql, .oracle]
        case .sqlite: [.sqlite, .oracle]
        }
    }

    /// Builds one statement.
    static func make<C: StatementChoices>(dialect: SQLDialect, using c: inout C) -> PrivateStatement {
        var b = Builder(spellings: spellings(for: dialect))
        let parts = 1 + c.pick(6)
        for _ in 0..<parts { b.fragment(&c) }
        return PrivateStatement(text: b.text, secrets: b.secrets)
    }

    /// Whether `fingerprint` shows any secret of this statement (a marker or a digit).
    func leak(in fingerprint: String) -> String? {
        let lower = fingerprint.lowercased()
        if let s = secrets.first(where: { lower.contains($0) }) { return s }
        if let d = fingerprint.unicodeScalars.first(where: { $0.properties.numericType != nil && $0.isASCII }) {
            return String(d)
        }
        return nil
    }

    struct Builder {
        let spellings: [Spelling]
        var text = ""
        var secrets: [String] = []

        static let words = ["users", "orders", "Name", "EMAIL", "data", "x", "tbl", "status", "owner", "path"]
        static let spaces = [" ", "\n", "\t", "  ", " \n "]
        /// Characters that make lexers disagree on where a literal or comment ends.
        static let tricky = [
            "'", "\"", "\\", "\\'", "''", "*/", "/*", "$", "$$", "$a$", "#", "--", "\n", "[", "]", "]'", "`", " ",
            ";", "é", "(", ")", ",", "\\\\", "\"\"", "-",
        ]

        mutating func space<C: StatementChoices>(_ c: inout C) { text += Self.spaces[c.pick(Self.spaces.count)] }

        mutating func word<C: StatementChoices>(_ c: inout C) { text += Self.words[c.pick(Self.words.count)] }

        mutating func marker<C: StatementChoices>(_ c: inout C) -> String {
            var m = "qz"
            for _ in 0..<5 { m.unicodeScalars.append(Unicode.Scalar(UInt8(0x61 + c.pick(26)))) }
            secrets.append(m)
            // Written in random case: the fingerprint may fold it.
            return c.pick(2) == 0 ? m : m.uppercased()
        }

        /// Raw content: markers between tricky characters.
        mutating func content<C: StatementChoices>(_ c: inout C) -> String {
            var s = ""
            let pieces = 1 + c.pick(5)
            for k in 0..<pieces {
                if k > 0 || c.pick(2) == 0 { s += Self.tricky[c.pick(Self.tricky.count)] }
                s += marker(&c)
            }
            if c.pick(2) == 0 { s += Self.tricky[c.pick(Self.tricky.count)] }
            return s
        }

        /// A number literal (every digit in a fingerprint is a leak).
        mutating func number<C: StatementChoices>(_ c: inout C) -> String {
            var digits = String(1 + c.pick(9))
            for _ in 0..<c.pick(6) { digits += String(c.pick(10)) }
            switch c.pick(5) {
            case 0: return "-" + digits
            case 1: return digits + "." + String(c.pick(10)) + "e-" + String(1 + c.pick(9))
            case 2: return "0x" + digits
            case 3: return "." + digits
            default: return digits
            }
        }

        /// A string literal in one of the allowed spellings.
        mutating func literal<C: StatementChoices>(_ c: inout C) -> String {
            if c.pick(4) == 0 { return number(&c) }
            var body = content(&c)
            switch spellings[c.pick(spellings.count)] {
            case .mysql:
                body = body.replacingAll("\\", "\\\\")
                if c.pick(2) == 0 {
                    return "'" + body.replacingAll("'", c.pick(2) == 0 ? "\\'" : "''") + "'"
                }
                return "\"" + body.replacingAll("\"", c.pick(2) == 0 ? "\\\"" : "\"\"") + "\""
            case .postgresql:
                switch c.pick(3) {
                case 0: return "'" + body.replacingAll("'", "''") + "'"
                case 1: return "E'" + body.replacingAll("\\", "\\\\").replacingAll("'", "\\'") + "'"
                default:
                    let tag = ["", "a", "fn_body"][c.pick(3)]
                    let delimiter = "$" + tag + "$"
                    return delimiter + body.replacingAll(delimiter, "$ " + tag + "$") + delimiter
                }
            case .sqlite:
                if c.pick(2) == 0 { return "'" + body.replacingAll("'", "''") + "'" }
                return "\"" + body.replacingAll("\"", "\"\"") + "\""  // a string when no column has the name
            case .oracle:
                let (open, close) = [("[", "]"), ("{", "}"), ("(", ")"), ("<", ">"), ("!", "!")][c.pick(5)]
                return "q'" + open + body.replacingAll(close + "'", close + " '") + close + "'"
            }
        }

        /// A comment in one of the allowed spellings (a comment's text is as private as a literal's).
        mutating func comment<C: StatementChoices>(_ c: inout C) -> String {
            let body = content(&c).replacingAll("\n", " ")
            // Spaces inside the delimiters, so that the body cannot form `/*` or `*/` with them.
            let flat = body.replacingAll("*/", "* /")
            let plain = flat.replacingAll("/*", "/ *")
            switch spellings[c.pick(spellings.count)] {
            case .mysql:
                switch c.pick(3) {
                case 0: return "# " + body + "\n"
                case 1: return "-- " + body + "\n"
                default: return "/* " + flat + " */"
                }
            case .postgresql:
                switch c.pick(3) {
                case 0: return "--" + body + "\n"
                case 1: return "/* " + plain + " /* " + marker(&c) + " */ */"
                default: return "/* " + plain + " */"
                }
            case .sqlite:
                if c.pick(2) == 0 { return "--" + body + "\n" }
                return "/* " + flat + " */"
            case .oracle:
                if c.pick(2) == 0 { return "-- " + body + "\n" }
                return "/* " + plain + " */"
            }
        }

        /// One context holding literals or a comment.
        mutating func fragment<C: StatementChoices>(_ c: inout C) {
            space(&c)
            switch c.pick(10) {
            case 0:
                text += "SELECT "
                word(&c)
                text += " FROM "
                word(&c)
                text += " WHERE "
                word(&c)
                text += " = "
                text += literal(&c)
            case 1:
                text += "AND "
                word(&c)
                text += " IN ("
                text += literal(&c)
                text += ", "
                text += literal(&c)
                text += ")"
            case 2:
                text += "INSERT INTO "
                word(&c)
                text += " VALUES ("
                text += literal(&c)
                text += ","
                space(&c)
                text += literal(&c)
                text += ")"
            case 3:
                text += "UPDATE "
                word(&c)
                text += " SET "
                word(&c)
                text += "="
                text += literal(&c)
            case 4:
                word(&c)
                text += "("
                text += literal(&c)
                text += ")"
            case 5:
                text += comment(&c)
            case 6:
                text += "CASE WHEN "
                word(&c)
                text += " > "
                text += literal(&c)
                text += " THEN "
                text += literal(&c)
                text += " END"
            case 7:
                text += literal(&c)
                text += "::text"
            case 8:
                text += "OR "
                word(&c)
                text += " LIKE "
                text += literal(&c)
                space(&c)
                text += "ESCAPE '!'"
            default:
                text += "LIMIT "
                text += number(&c)
                text += ";"
            }
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}
