@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// Evaluates `expression` against `line`.
func whereMatches(_ expression: String, _ line: String) throws -> Bool {
    let e = try WhereExpression(parsing: expression)
    return withScanned(line) { o, r in
        #expect(o == .record)
        return e.evaluate(r)
    }
}

@Suite struct WhereExpressionTests {
    static let line =
        #"{"ts":"2026-11-28T10:00:00.123456Z","level":"warning","logger":"tta.api","msg":"done","event":"perf","op":"api.GET /api/v1/user/profile","duration_ms":1500.5,"outcome":"error","error":"HTTPError","status":502,"meta":{"user_id":"u00819","attempt":3,"cached":false,"tags":["a","b"],"http":{"route":"/user"},"nothing":null,"esc":"a\/b"}}"#
    static let plain = #"{"ts":"2026-11-28T10:00:01.000000Z","level":"info","logger":"tta.app","msg":"started"}"#

    func check(
        _ expression: String, _ expected: Bool, line: String = Self.line,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try whereMatches(expression, line) == expected, "\(expression)", sourceLocation: sourceLocation)
    }

    @Test func comparesNumbersWithEveryOperator() throws {
        try check("status = 502", true)
        try check("status == 502", true)
        try check("status != 502", false)
        try check("status < 502", false)
        try check("status <= 502", true)
        try check("status > 499", true)
        try check("status >= 503", false)
        try check("meta.attempt > 2", true)
        try check("status = 502.0", true)
        try check("status=502", true)
    }

    @Test func durationsWithUnitsAreMilliseconds() throws {
        try check("duration_ms > 250", true)
        try check("duration > 1.5s", true)
        try check("duration > 1.6s", false)
        try check("duration >= 1500ms", true)
        try check("duration < 2m", true)
        try check("duration > 1500500us", false)
        try check("duration = 1500500us", true)
        try check("duration < 1h and duration > 0.0004h", true)
    }

    @Test func comparesStringsQuotedAndBare() throws {
        try check("op = 'api.GET /api/v1/user/profile'", true)
        try check(#"op = "api.GET /api/v1/user/profile""#, true)
        try check("logger = tta.api", true)
        try check("logger != tta.api", false)
        try check("meta.user_id = u00819", true)
        try check("meta.user_id > u00818", true)
        try check("meta.http.route = '/user'", true)
        try check("meta.esc = 'a/b'", true)
        try check(#"status = "502""#, true)
        try check(#"msg = 'it\'s'"#, false)
    }

    @Test func matchesGlobsAndRegexes() throws {
        try check("op ~ 'api.*'", true)
        try check("op ~ api.GET*", true)
        try check("op ~ 'db.*'", false)
        try check("op !~ 'db.*'", true)
        try check("op ~ /user\\/profile$/", true)
        try check("op ~ /^API/", false)
        try check("op ~ /^API/i", true)
        try check("op !~ /^api/", false)
        try check("status ~ '5??'", true)
        try check("meta.user_id =~ 'u0*'", true)
    }

    @Test func booleansAndNull() throws {
        try check("meta.cached = false", true)
        try check("meta.cached = true", false)
        try check("meta.cached != true", true)
        try check("meta.nothing = null", true)
        try check("meta.absent = null", true)
        try check("meta.user_id = null", false)
        try check("meta.user_id != null", true)
        try check("meta.nothing != null", false)
    }

    @Test func missingFieldsMakeComparisonsFalseIncludingNotEquals() throws {
        try check("status = 200", false, line: Self.plain)
        try check("status != 200", false, line: Self.plain)
        try check("op !~ 'db.*'", false, line: Self.plain)
        try check("not status = 200", true, line: Self.plain)
        try check("meta.nothing = 'x'", false)
        try check("meta.nothing != 'x'", false)
    }

    @Test func existsAndBareFields() throws {
        try check("exists(error)", true)
        try check("exists(meta.http.route)", true)
        try check("exists(meta.nothing)", false)
        try check("exists(error)", false, line: Self.plain)
        try check("error", true)
        try check("error and status >= 500", true)
        try check("not error", true, line: Self.plain)
    }

    @Test func levelComparesBySeverity() throws {
        try check("level >= warning", true)
        try check("level > warning", false)
        try check("level >= WARN", true)
        try check("level < error", true)
        try check("level = warning", true)
        try check("level >= warning", false, line: Self.plain)
    }

    @Test func timestampsCompareAsTimes() throws {
        try check("ts >= '2026-11-28T10:00:00Z'", true)
        try check("ts < '2026-11-28T11:00:00+01:00'", false)
        try check("ts < '2026-11-28T10:00:00.123457Z'", true)
    }

    @Test func combinesWithAndOrNotAndParentheses() throws {
        try check("status >= 500 and op ~ 'api.*'", true)
        try check("status >= 500 and op ~ 'db.*'", false)
        try check("status >= 500 or op ~ 'db.*'", true)
        try check("not (status >= 500 or op ~ 'db.*')", false)
        try check("not not status = 502", true)
        try check("! status = 200", true)
        try check("status = 200 or status = 404 or (level = warning and duration > 1s)", true)
        try check("status = 200 || (status = 502 && !meta.cached = true)", true)
        try check("STATUS = 502", false)
        try check("status = 502 AND Level = warning", false)
        try check("status = 502 AND level = warning", true)
        try check("a = 1 or b = 2 and c = 3", false)
        try check("status = 502 or b = 2 and c = 3", true)
    }

    @Test func longChainsEvaluateWithoutDeepRecursion() throws {
        let expression = Array(repeating: "status = 1", count: 20_000).joined(separator: " or ") + " or status = 502"
        try check(expression, true)
    }

    /// Any FieldLookup, not only the scanner's record: a forwarding wrapper gives the same answers.
    struct Forwarding: FieldLookup {
        let record: ScannedRecord
        func value(at path: FieldPath) -> JSONValueRef? { record.value(at: path) }
    }

    @Test func evaluatesAnyFieldLookupLikeTheScannedRecord() throws {
        let expressions = [
            "status = 502", "duration > 1.5s", "meta.user_id = u00819", "level >= warning", "op ~ 'api.*'",
            "exists(meta.http.route)", "meta.nothing = null", "meta.cached = false", "status != 200",
            "ts < '2026-11-29'",
            "not (status >= 500 or op ~ 'db.*')", "op ~ /PROFILE$/i", "extra = 1",
        ]
        for text in expressions {
            let e = try WhereExpression(parsing: text)
            for line in [Self.line, Self.plain] {
                withScanned(line) { _, r in
                    #expect(e.evaluate(r) == e.evaluate(Forwarding(record: r)), "\(text)")
                }
            }
        }
    }

    @Test func arrayElementsAndEscapedValues() throws {
        try check("meta.tags.1 = b", true)
        try check("meta.tags.2 = b", false)
    }
}
