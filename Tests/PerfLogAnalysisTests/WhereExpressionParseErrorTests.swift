import Testing

@_spi(Internals) @testable import PerfLogAnalysis

@Suite struct WhereExpressionParseErrorTests {
    func parseError(_ text: String) -> WhereExpression.ParseError? {
        do {
            _ = try WhereExpression(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingValueNamesTheOperatorAndColumnWithACaret() throws {
        let e = try #require(parseError("duration_ms >"))
        #expect(e.code == .expectedValue)
        #expect(e.column == 14)
        #expect(e.description == "--where: expected a value after '>' at column 14\n  duration_ms >\n               ^")
    }

    @Test func errorsPointAtTheColumn() {
        let cases: [(String, WhereExpression.ParseError.Code, Int)] = [
            ("", .emptyExpression, 1),
            ("   ", .emptyExpression, 4),
            ("status 500", .expectedOperator, 8),
            ("status >= 500 and", .expectedField, 18),
            ("(status >= 500", .expectedClosingParenthesis, 15),
            ("status >= 500)", .unexpectedToken, 14),
            ("op = 'abc", .unterminatedString, 6),
            ("op ~ /abc", .unterminatedString, 6),
            ("op ~ /a(b/", .invalidRegex, 6),
            ("duration > 1.5x", .invalidNumber, 12),
            ("status > null", .unexpectedToken, 10),
            ("= 5", .expectedField, 1),
            ("status = 5 status = 6", .unexpectedToken, 12),
            ("exists(", .expectedField, 8),
            ("exists(op", .expectedClosingParenthesis, 10),
            ("status = )", .expectedValue, 10),
            ("meta..x = 1", .expectedField, 1),
        ]
        for (text, code, column) in cases {
            let e = parseError(text)
            #expect(e?.code == code, "\(text): \(e.map(String.init(describing:)) ?? "no error")")
            #expect(e?.column == column, "\(text): \(e.map(String.init(describing:)) ?? "no error")")
        }
    }

    @Test func deepParenthesesAreRejectedNotOverflowed() {
        let text = String(repeating: "(", count: 100_000) + "a = 1" + String(repeating: ")", count: 100_000)
        #expect(parseError(text)?.code == .tooDeeplyNested)
        let ok = String(repeating: "(", count: 64) + "a = 1" + String(repeating: ")", count: 64)
        #expect(parseError(ok) == nil)
        let nots = String(repeating: "not ", count: 100_000) + "a = 1"
        #expect(parseError(nots) == nil)
    }

    @Test func randomInputNeverCrashes() {
        var rng = SplitMix64(seed: 11)
        let pieces = [
            "a", "op", "meta.x", " ", "=", "!=", "<", ">=", "~", "!~", "(", ")", "'", "\"", "/", "and", "or",
            "not", "!", "1.5s", "250", "null", "true", "exists", "\\", "é", ".", "-",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            if let e = try? WhereExpression(parsing: text) {
                _ = withScanned(LineScannerTests.perfLine) { _, r in e.evaluate(r) }
            }
        }
    }
}
