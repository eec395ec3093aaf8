@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

@Suite struct DottedKeyTests {
    static let dotted =
        #"{"ts":"2026-11-28T10:00:00Z","event":"perf","op":"api.GET /users/{id}","duration_ms":5,"meta":{"http.route":"/users/{id}","http.request.method":"GET"}}"#
    static let nested =
        #"{"ts":"2026-11-28T10:00:00Z","event":"perf","op":"x","duration_ms":5,"meta":{"http":{"route":"/nested"},"http.route":"/dotted"}}"#

    func value(_ path: String, _ line: String) -> String? {
        withScanned(line) { _, r in r.value(at: FieldPath(path))?.string }
    }

    @Test func quotedComponentsAreOneKey() {
        #expect(FieldPath("meta.\"http.route\"").components == ["meta", "http.route"])
        #expect(FieldPath("meta.\"a\\\"b\"").components == ["meta", "a\"b"])
        #expect(FieldPath("meta.http.route").components == ["meta", "http", "route"])
        #expect(FieldPath(components: ["meta", "http.route"]).description == "meta.\"http.route\"")
        #expect(FieldPath(components: ["meta", "a\"b"]).description == #"meta."a\"b""#)
        #expect(FieldPath(validating: "meta..x") == nil)
        #expect(FieldPath(validating: "meta.\"x") == nil)
        #expect(FieldPath(validating: ".x") == nil)
        #expect(FieldPath(validating: "meta.\"\"")?.components == ["meta", ""])
    }

    @Test func aDottedKeyIsReachedQuotedOrByFallback() {
        #expect(value("meta.\"http.route\"", Self.dotted) == "/users/{id}")
        #expect(value("meta.http.route", Self.dotted) == "/users/{id}")
        #expect(value("meta.http.request.method", Self.dotted) == "GET")
        #expect(value("meta.http.missing", Self.dotted) == nil)
    }

    @Test func nestedObjectsWinOverTheDottedKey() {
        #expect(value("meta.http.route", Self.nested) == "/nested")
        #expect(value("meta.\"http.route\"", Self.nested) == "/dotted")
    }

    @Test func topLevelDottedKeysAreReachedToo() {
        let line = #"{"event":"perf","op":"x","http.route":"/top"}"#
        #expect(value("http.route", line) == "/top")
        #expect(value("\"http.route\"", line) == "/top")
    }

    @Test func whereComparesDottedKeys() throws {
        #expect(try whereMatches(#"meta."http.route" = "/users/{id}""#, Self.dotted))
        #expect(try whereMatches(#"meta.http.route = "/users/{id}""#, Self.dotted))
        #expect(try whereMatches(#"exists(meta."http.request.method")"#, Self.dotted))
        #expect(try !whereMatches(#"meta."http.route" = "/nested""#, Self.nested))
        #expect(try whereMatches(#"meta.http.route = "/nested""#, Self.nested))
        let e = try WhereExpression(parsing: #"meta."http.route" = a and (duration > 1 or not meta.x)"#)
        #expect(
            e.fieldPaths == [
                FieldPath(components: ["meta", "http.route"]), FieldPath("duration_ms"), FieldPath("meta.x"),
            ])
    }

    @Test func whereRejectsBadQuotedFields() {
        #expect(throws: WhereExpression.ParseError.self) { try WhereExpression(parsing: #"meta."http.route = 1"#) }
        #expect(throws: WhereExpression.ParseError.self) { try WhereExpression(parsing: "meta..x = 1") }
    }

    @Test func unseenFieldsNameTheClosestFieldThatOccurs() throws {
        var spec = AnalysisSpec(groupBy: [FieldPath("meta.http.rout")])
        spec.watchedFields = [
            WatchedField(option: "--by", path: FieldPath("meta.http.rout")),
            WatchedField(option: "--where", path: FieldPath("meta.http.route")),
        ]
        let r = try WorkflowData.analyze([Self.dotted, Self.dotted], spec: spec)
        #expect(
            r.unseenFields.map(\.description) == [
                #"--by field 'meta.http.rout' occurs in no record; closest: meta."http.route""#
            ])
    }
}
