import Foundation
import Testing

@testable import PerfLogAnalysis

/// `--where` regular expressions match in linear time, with the documented syntax.
@Suite struct LinearRegexTests {
    func m(_ pattern: String, _ text: String, i: Bool = false) throws -> Bool {
        try LinearRegex(pattern, caseInsensitive: i).matches(text)
    }

    @Test func catastrophicPatternsAnswerAtOnce() throws {
        let text = String(repeating: "a", count: 25) + "!"
        #expect(try !m("^(a+)+$", text))
        #expect(try !m("^(a|a)*$", text))
        #expect(try !m("^(a*)*b$", String(repeating: "a", count: 5_000)))
        #expect(try !m("(x+x+)+y", String(repeating: "x", count: 5_000)))
        #expect(try m("^(a+)+$", String(repeating: "a", count: 25)))
    }

    @Test func theSupportedSyntaxMatchesAsItShould() throws {
        let cases: [(String, String, Bool)] = [
            ("user\\/profile$", "api.GET /user/profile", true),
            ("^api\\.(GET|POST) ", "api.POST /x", true),
            ("^api\\.(GET|POST) ", "api.PUT /x", false),
            ("^api\\.(?:GET|POST)", "api.GET", true),
            ("(?<verb>GET)", "api.GET", true),
            ("a.c", "abc", true), ("a.c", "a\nc", false),
            ("colou?r", "color", true), ("colou?r", "colour", true), ("colou?r", "colouur", false),
            ("^x{3}$", "xxx", true), ("^x{3}$", "xx", false), ("^x{2,}$", "xxxxx", true), ("^x{2,3}$", "xxxx", false),
            ("^x{0,2}y", "xxy", true), ("a{", "a{", true), ("a{x}", "a{x}", true),
            ("\\d+ms", "took 12ms", true), ("^\\D+$", "abc", true), ("^\\D+$", "ab1", false),
            ("^\\w+$", "db_get2", true), ("^\\w+$", "db.get", false), ("\\s", "a b", true), ("^\\S+$", "a b", false),
            ("[a-c]x", "bx", true), ("[^a-c]x", "bx", false), ("[^a-c]x", "dx", true), ("[]]", "]", true),
            ("[a\\-z]", "-", true), ("[\\d.]+", "1.5", true), ("[-a]", "-", true), ("[a-]", "-", true),
            ("\\bget\\b", "db.get_user", false), ("\\bget\\b", "db.get user", true), ("\\Bet", "get", true),
            ("^$", "", true), ("", "anything", true), ("a|", "b", true), ("x*?y", "xxy", true),
            ("\\t", "a\tb", true), ("ü+", "grüüße", true), ("^[α-ω]+$", "λόγος", false), ("^[α-ω]+$", "λογος", true),
            ("^(a*)*$", "aaa", true), ("^(a|ab)(c|bcd)(d*)$", "abcd", true),
        ]
        for (p, t, want) in cases {
            #expect(try m(p, t) == want, "/\(p)/ on \(t.debugDescription)")
        }
    }

    @Test func theFlagIFoldsCase() throws {
        #expect(try m("^API", "api.x", i: true))
        #expect(try !m("^API", "api.x"))
        #expect(try m("[A-Z]+$", "abc", i: true))
        #expect(try m("^[a-z]+$", "ABC", i: true))
        #expect(try m("ÜBER", "über", i: true))
    }

    @Test func unsupportedAndMalformedPatternsAreRefusedByName() {
        let cases: [(String, String)] = [
            ("(a)\\1", "backreferences (\\1) are not supported"),
            ("a(?=b)", "lookahead (?=…) is not supported"),
            ("a(?!b)", "lookahead (?!…) is not supported"),
            ("(?<=a)b", "lookbehind (?<=…) is not supported"),
            ("(?i)a", "the group syntax (?i…) is not supported"),
            ("a++", "possessive quantifiers (++) are not supported"),
            ("\\p{L}", "the escape \\p is not supported"),
            ("a(b", "missing ')'"), ("a)b", "unmatched ')' at character 2"), ("[ab", "missing ']'"),
            ("*a", "nothing to repeat at character 1"), ("a**", "nothing to repeat at character 3"),
            ("^*", "nothing to repeat at character 1"), ("[z-a]", "the class range is reversed"),
            ("a{1001}", "a repetition count is at most 1000"),
            ("a{3,2}", "the repetition {3,2} has its bounds reversed"),
            ("(a{1000}){1000}", "the pattern is too large (over 10000 instructions once repetitions are expanded)"),
            ("a\\", "the pattern ends in a lone '\\'"),
        ]
        for (p, message) in cases {
            #expect(throws: LinearRegex.SyntaxError(message: message), "/\(p)/") {
                try LinearRegex(p, caseInsensitive: false)
            }
        }
    }

    @Test func whereReportsTheExpressionAndTheReason() throws {
        #expect(throws: WhereExpression.ParseError.self) { try WhereExpression(parsing: "op ~ /(a)\\1/") }
        do {
            _ = try WhereExpression(parsing: "op ~ /a(?=b)/")
        } catch {
            #expect(
                error.description.contains("invalid regular expression /a(?=b)/: lookahead (?=…) is not supported"),
                "\(error)")
        }
        let e = try WhereExpression(parsing: "op ~ /^(a+)+$/")
        #expect(e.source == "op ~ /^(a+)+$/")
    }
}
