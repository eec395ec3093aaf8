import Testing

@testable import PerfLogAnalysis

@Suite struct GlobPatternTests {
    @Test func matchesTableOfPatterns() {
        let cases: [(String, String, Bool)] = [
            ("db.*", "db.get_user_profile", true),
            ("db.*", "api.GET", false),
            ("*", "", true),
            ("*", "anything", true),
            ("", "", true),
            ("", "x", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a?c", "aéc", true),
            ("?", "😀", true),
            ("*.GET *", "api.GET /x", true),
            ("api.GET /api/v?/user*", "api.GET /api/v1/user/profile", true),
            ("[abc]x", "bx", true),
            ("[abc]x", "dx", false),
            ("[a-c]x", "cx", true),
            ("[!a-c]x", "dx", true),
            ("[^a-c]x", "ax", false),
            ("[]]x", "]x", true),
            ("[x", "[x", true),
            ("a\\*b", "a*b", true),
            ("a\\*b", "axb", false),
            ("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
            ("*a*b", "xxaxxbxxb", true),
            ("db.get_user", "db.get_user", true),
            ("db.get_user", "db.get_users", false),
            ("**", "x", true),
            ("a*", "a", true),
            ("*b", "ab", true),
            ("*b", "ba", false),
            ("db.*", "db.", true),
            ("db.*", "db", false),
            ("a\\*", "a*", true),
            ("a\\**", "a*xyz", true),
            ("a\\**", "abc", false),
            ("a?*", "a", false),
            ("a?*", "ab", true),
        ]
        for (pattern, text, expected) in cases {
            #expect(GlobPattern(pattern).matches(text) == expected, "\(pattern) vs \(text)")
        }
    }

    @Test func literalPatternsAreFlagged() {
        #expect(GlobPattern("db.get_user").isLiteral)
        #expect(!GlobPattern("db.*").isLiteral)
        #expect(GlobPattern("[x").isLiteral)
        #expect(GlobPattern("a\\*").isLiteral)
        #expect(GlobPattern("a\\*").matches("a*"))
    }

    @Test func matchesRawBytes() {
        let bytes = Array("db.get_user".utf8)
        #expect(bytes.withUnsafeBytes { GlobPattern("db.*").matches($0) })
    }
}
