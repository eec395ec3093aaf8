import Foundation
@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// The known fields of a scanned line as plain Swift values, for exact expectations.
struct ScannedFields: Equatable, CustomStringConvertible {
    var ts: Int64?
    var level: PerfLevel?
    var logger: String?
    var msg: String?
    var event: EventKind = .none
    var eventRaw: String?
    var op: String?
    var durationMs: Double?
    var outcome: String?
    var isError = false
    var error: String?
    var status: Int?
    var query: String?
    var thresholdMs: Double?
    var meta: String?

    init() {}

    init(_ r: ScannedRecord) {
        ts = r.timestamp?.microseconds
        level = r.level
        logger = r.logger?.string
        msg = r.msg?.string
        event = r.event
        eventRaw = r.eventRaw?.string
        op = r.op?.string
        durationMs = r.durationMs
        outcome = r.outcome?.string
        isError = r.isError
        error = r.error?.string
        status = r.status
        query = r.query?.string
        thresholdMs = r.thresholdMs
        meta = r.meta?.string
    }

    var description: String {
        "ts=\(ts as Any) level=\(level as Any) logger=\(logger as Any) msg=\(msg as Any) event=\(event) "
            + "eventRaw=\(eventRaw as Any) op=\(op as Any) d=\(durationMs as Any) outcome=\(outcome as Any) "
            + "isError=\(isError) error=\(error as Any) status=\(status as Any) query=\(query as Any) "
            + "threshold=\(thresholdMs as Any) meta=\(meta as Any)"
    }
}

/// Scans `bytes` as one line and hands the outcome and record to `body` while the bytes live.
func withScannedBytes<R>(_ bytes: [UInt8], _ body: (ScanOutcome, ScannedRecord) -> R) -> R {
    bytes.withUnsafeBytes { b in
        var scanner = LineScanner()
        var record = ScannedRecord()
        let outcome = scanner.scan(b, into: &record)
        return body(outcome, record)
    }
}

func withScanned<R>(_ line: String, _ body: (ScanOutcome, ScannedRecord) -> R) -> R {
    withScannedBytes(Array(line.utf8), body)
}

func outcome(_ line: String) -> ScanOutcome { withScanned(line) { o, _ in o } }
func outcome(bytes: [UInt8]) -> ScanOutcome { withScannedBytes(bytes) { o, _ in o } }

/// The fields of `line`, or nil when it does not scan as a record.
func fields(_ line: String) -> ScannedFields? {
    withScanned(line) { o, r in o == .record ? ScannedFields(r) : nil }
}

/// The string (decoded) at `path` in `line`, or nil.
func lookup(_ line: String, _ path: String) -> String? {
    withScanned(line) { o, r in o == .record ? r.value(at: FieldPath(path))?.string : nil }
}

@Suite struct LineScannerTests {
    static let perfLine =
        #"{"ts":"2026-11-28T10:00:00.123456Z","level":"info","logger":"tta.api","msg":"GET done","event":"perf","op":"api.GET /api/v1/user/profile","duration_ms":41.155,"outcome":"success","status":200,"meta":{"request_id":"r6c031199","user_id":"u00819"}}"#

    @Test func extractsEveryFieldOfAPerfLine() throws {
        var expected = ScannedFields()
        expected.ts = 1_795_860_000_123_456
        expected.level = .info
        expected.logger = "tta.api"
        expected.msg = "GET done"
        expected.event = .perf
        expected.eventRaw = "perf"
        expected.op = "api.GET /api/v1/user/profile"
        expected.durationMs = 41.155
        expected.outcome = "success"
        expected.status = 200
        expected.meta = #"{"request_id":"r6c031199","user_id":"u00819"}"#
        #expect(fields(Self.perfLine) == expected)
    }

    @Test func extractsSlowQueryFields() {
        let line =
            #"{"ts":"2026-11-28T10:00:02.313013Z","level":"warning","logger":"tta.db","msg":"slow query","event":"slow_query","op":"db.list_history","duration_ms":167.504,"threshold_ms":100.0,"query":"SELECT * FROM t WHERE id = ?","outcome":"success"}"#
        let f = fields(line)
        #expect(f?.event == .slowQuery)
        #expect(f?.thresholdMs == 100.0)
        #expect(f?.durationMs == 167.504)
        #expect(f?.query == "SELECT * FROM t WHERE id = ?")
        #expect(f?.level == .warning)
        #expect(f?.isError == false)
    }

    @Test func plainLogLineHasNoEvent() {
        let f = fields(#"{"ts":"2026-11-28T10:00:00.000000Z","level":"info","logger":"t","msg":""}"#)
        #expect(f?.event == EventKind.none)
        #expect(f?.eventRaw == nil)
        #expect(f?.msg == "")
        #expect(f?.op == nil)
    }

    @Test func otherEventValuesAreOther() {
        #expect(fields(#"{"event":"deploy"}"#)?.event == .other)
        #expect(fields(#"{"event":"deploy"}"#)?.eventRaw == "deploy")
        #expect(fields(#"{"event":42}"#)?.event == .other)
    }

    @Test func acceptsAnyKeyOrderAndWhitespace() {
        let line =
            " \t{ \"meta\" : { \"a\" : [ 1 , 2 ] } ,\r\n \"duration_ms\"\t:\t2.5e1 , \"op\":\"x\" , \"ts\" : \"2026-11-28T10:00:00.000001Z\" } \t"
        let f = fields(line)
        #expect(f?.op == "x")
        #expect(f?.durationMs == 25)
        #expect(f?.ts == 1_795_860_000_000_001)
        #expect(f?.meta == #"{ "a" : [ 1 , 2 ] }"#)
    }

    @Test func decodesEscapesAndUnicodeSequences() {
        let line = #"{"msg":"a\"b\\c\/d\n\u00e9\ud83d\ude00","op":"caf\u00e9"}"#
        let f = fields(line)
        #expect(f?.msg == "a\"b\\c/d\né😀")
        #expect(f?.op == "café")
    }

    @Test func skipsAByteOrderMarkAndCRLF() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"op":"x","status":503}"#.utf8) + [0x0D, 0x0A]
        let f = withScannedBytes(bytes) { o, r in o == .record ? ScannedFields(r) : nil }
        #expect(f?.op == "x")
        #expect(f?.status == 503)
        #expect(f?.isError == true)
    }

    @Test func blankLinesAreBlankNotMalformed() {
        #expect(outcome("") == .blank)
        #expect(outcome("\n") == .blank)
        #expect(outcome("  \t \r\n") == .blank)
        #expect(outcome(bytes: [0xEF, 0xBB, 0xBF, 0x0A]) == .blank)
    }

    @Test func duplicateKeysLastOneWins() {
        let line = #"{"op":"first","op":"second","meta":{"k":1,"k":2},"duration_ms":1,"duration_ms":2}"#
        #expect(fields(line)?.op == "second")
        #expect(fields(line)?.durationMs == 2)
        #expect(lookup(line, "meta.k") == "2")
    }

    @Test func isErrorFollowsOutcomeThenStatus() {
        #expect(fields(#"{"outcome":"error"}"#)?.isError == true)
        #expect(fields(#"{"outcome":"success","status":500}"#)?.isError == false)
        #expect(fields(#"{"outcome":"error","status":200}"#)?.isError == true)
        #expect(fields(#"{"status":500}"#)?.isError == true)
        #expect(fields(#"{"status":499}"#)?.isError == false)
        #expect(fields(#"{}"#)?.isError == false)
    }

    @Test func durationsThatAreNegativeOrNotFiniteAreNil() {
        #expect(fields(#"{"duration_ms":-1}"#)?.durationMs == nil)
        #expect(fields(#"{"duration_ms":1e999}"#)?.durationMs == nil)
        #expect(fields(#"{"duration_ms":"abc"}"#)?.durationMs == nil)
        #expect(fields(#"{"duration_ms":null}"#)?.durationMs == nil)
        #expect(fields(#"{"duration_ms":0}"#)?.durationMs == 0)
        #expect(fields(#"{"duration_ms":"12.5"}"#)?.durationMs == 12.5)
    }

    @Test func hugeNumbersAndExponentsDoNotCrash() {
        let big = String(repeating: "9", count: 400)
        #expect(fields(#"{"duration_ms":\#(big)}"#)?.durationMs == nil)
        #expect(fields(#"{"duration_ms":1e-99999999999999999999}"#)?.durationMs == 0)
        #expect(fields(#"{"duration_ms":123456789012345678901234567890}"#)?.durationMs == 1.2345678901234568e29)
        #expect(fields(#"{"status":99999999999999999999999}"#)?.status == nil)
        #expect(fields(#"{"x":-0.0e+00012,"status":2e2}"#)?.status == 200)
    }

    @Test func durationParsingMatchesStrtod() {
        for text in [
            "41.155", "0.1", "0.000001", "123456.789012", "9007199254740993", "1.7976931348623157e308",
            "4.9e-324", "0.30000000000000004", "12345678901234567890.5", "1e22", "1e23", "3.14159e-5",
        ] {
            let f = fields(#"{"duration_ms":\#(text)}"#)
            #expect(f?.durationMs == Double(text), "\(text)")
        }
    }

    @Test func statusAcceptsIntegralNumbersAndDigitStrings() {
        #expect(fields(#"{"status":200.0}"#)?.status == 200)
        #expect(fields(#"{"status":"404"}"#)?.status == 404)
        #expect(fields(#"{"status":200.5}"#)?.status == nil)
        #expect(fields(#"{"status":true}"#)?.status == nil)
    }

    @Test func levelIsCaseInsensitiveAndReadsBackLowerCase() {
        #expect(fields(#"{"level":"WARNING"}"#)?.level == .warning)
        #expect(fields(#"{"level":"Fatal"}"#)?.level == .critical)
        #expect(fields(#"{"level":"loud"}"#)?.level == nil)
        #expect(lookup(#"{"level":"ERROR"}"#, "level") == "error")
        #expect(lookup(#"{"level":"loud"}"#, "level") == "loud")
    }

    @Test func timestampsInOtherFormsParseLikeTimestampParsing() {
        for text in [
            "2026-11-28T10:00:00Z", "2026-11-28 10:00:00,123", "2026-11-28T10:00:00.123456+01:00",
            "2026-11-28T10:00:00.1234567Z", "2026-02-29T10:00:00.000000Z", "2028-02-29T23:59:60.999999Z",
            "2026-13-28T10:00:00.000000Z", "2026-11-28T24:00:00.000000Z", "2026-11-28T10:0a:00.000000Z",
        ] {
            #expect(fields(#"{"ts":"\#(text)"}"#)?.ts == Timestamp(parsing: text)?.microseconds, "\(text)")
        }
    }

    @Test func consecutiveDatesUseTheCacheCorrectly() {
        let lines = [
            "2026-11-28T10:00:00.000000Z", "2026-11-28T11:00:00.000000Z", "2026-11-29T00:00:00.000000Z",
            "2026-11-28T10:00:00.000000Z",
        ]
        var scanner = LineScanner()
        var record = ScannedRecord()
        for t in lines {
            let bytes = Array(#"{"ts":"\#(t)"}"#.utf8)
            let ts = bytes.withUnsafeBytes { b -> Int64? in
                _ = scanner.scan(b, into: &record)
                return record.timestamp?.microseconds
            }
            #expect(ts == Timestamp(parsing: t)?.microseconds)
        }
    }

    @Test func invalidUTF8InStringsIsAcceptedAndReplacedWhenDecoded() {
        let bytes = Array(#"{"msg":"a"#.utf8) + [0xFF, 0xC3] + Array(#"b","op":"x"}"#.utf8)
        let f = withScannedBytes(bytes) { o, r in o == .record ? ScannedFields(r) : nil }
        #expect(f?.msg == "a\u{FFFD}\u{FFFD}b")
        #expect(f?.op == "x")
    }

    @Test func looksUpMetaPathsAndOtherTopLevelKeys() {
        let line =
            #"{"op":"x","meta":{"user_id":"u1","http":{"route":"/a","codes":[200,"x",{"k":true}]},"n":1.5},"extra":{"deep":"yes"},"flag":false}"#
        #expect(lookup(line, "meta.user_id") == "u1")
        #expect(lookup(line, "meta.http.route") == "/a")
        #expect(lookup(line, "meta.http.codes.1") == "x")
        #expect(lookup(line, "meta.http.codes.2.k") == "true")
        #expect(lookup(line, "meta.n") == "1.5")
        #expect(lookup(line, "meta.missing") == nil)
        #expect(lookup(line, "meta.user_id.more") == nil)
        #expect(lookup(line, "extra.deep") == "yes")
        #expect(lookup(line, "flag") == "false")
        #expect(lookup(line, "nothing") == nil)
        #expect(lookup(line, "op") == "x")
    }

    @Test func lookupDecodesEscapedKeys() {
        #expect(lookup(#"{"meta":{"us\u0065r":"u2"}}"#, "meta.user") == "u2")
        #expect(fields(#"{"\u006fp":"escaped-key"}"#)?.op == "escaped-key")
    }

    @Test func numberAtReadsParsedFields() {
        withScanned(#"{"duration_ms":12.5,"status":"503","meta":{"n":"7"}}"#) { _, r in
            #expect(r.number(at: FieldPath("duration_ms")) == 12.5)
            #expect(r.number(at: FieldPath("status")) == 503)
            #expect(r.number(at: FieldPath("meta.n")) == 7)
            #expect(r.number(at: FieldPath("meta.none")) == nil)
        }
    }

    /// The fast paths (16-byte key recognition, ts and level shortcuts, flat meta) and the general
    /// path give the same record: compact lines against the same lines with spaces everywhere.
    @Test func fastAndGeneralPathsAgree() {
        let lines = [
            Self.perfLine,
            #"{"ts":"2026-11-28T10:00:02.313013Z","level":"warning","logger":"tta.db","msg":"slow query","event":"slow_query","op":"db.list_history","duration_ms":167.504,"threshold_ms":100.0,"query":"SELECT 1","outcome":"success"}"#,
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"critical","logger":"x","msg":"m","event":"perf","op":"o","duration_ms":1,"outcome":"error","error":"E","status":500,"meta":{}}"#,
            #"{"level":"debug","timestamp":"2026-11-28T10:00:00Z","message":"hi"}"#,
            #"{"level":"trace","ts":"2026-11-28T10:00:00.000000Z"}"#,
            #"{"level":"notice","ts":"2026-11-28T10:00:00.000000Z"}"#,
            #"{"level":"error","ts":"2026-11-28T10:00:00.000000Z"}"#,
            #"{"level":"info","ts":"2026-11-28T10:00:00.000000Z","meta":{"a":true,"b":null,"c":-1.5e3,"d":"\""}}"#,
            #"{"level":"warn","ts":"2026-11-28T10:00:00.000000Z","meta":{"a":[1]}}"#,
        ]
        for line in lines {
            var spaced = ""
            var inString = false
            var escaped = false
            for c in line {
                spaced.append(c)
                if inString {
                    if escaped {
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        inString = false
                    }
                } else if c == "\"" {
                    inString = true
                } else if c == ":" || c == "," || c == "{" {
                    spaced.append(" ")
                }
            }
            spaced = spaced.replacingOccurrences(of: "}", with: " }")
            let compact = fields(line)
            #expect(compact != nil, "\(line)")
            var general = fields(spaced)
            // The meta span keeps its own spacing.
            general?.meta = compact?.meta
            #expect(compact == general, "\(spaced)")
        }
    }

    @Test func reusingARecordClearsThePreviousLine() {
        var scanner = LineScanner()
        var record = ScannedRecord()
        let a = Array(Self.perfLine.utf8)
        let b = Array(#"{"msg":"plain"}"#.utf8)
        a.withUnsafeBytes { _ = scanner.scan($0, into: &record) }
        let f = b.withUnsafeBytes { p -> ScannedFields in
            _ = scanner.scan(p, into: &record)
            return ScannedFields(record)
        }
        var expected = ScannedFields()
        expected.msg = "plain"
        #expect(f == expected)
    }
}
