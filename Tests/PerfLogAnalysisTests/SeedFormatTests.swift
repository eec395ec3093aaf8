@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// Lines written by the seed's Python `PerformanceLogger` map onto the v1 fields
/// (docs/SEED-FORMAT.md), mixed freely with v1 lines.
@Suite struct SeedFormatTests {
    static let slowQuery =
        #"{"timestamp": "2026-11-28 10:00:00,123", "level": "WARNING", "logger": "performance", "message": {"event_type": "slow_query", "timestamp": "2026-11-28T10:00:00.123456", "metrics": {"query": "SELECT * FROM users WHERE id = 42", "duration": 0.25, "threshold": 0.1}}}"#
    static let perf =
        #"{"timestamp": "2026-11-28 10:00:01,500", "level": "INFO", "logger": "performance", "message": {"event_type": "api_request", "timestamp": "2026-11-28T10:00:01.499000", "metrics": {"operation": "api.GET /api/v1/user/profile", "duration": 0.041155, "status_code": 200, "success": true, "user_id": "u7"}}}"#
    static let failed =
        #"{"timestamp": "2026-11-28 10:00:02,000", "level": "ERROR", "logger": "performance", "message": {"event_type": "therapeutic_assessment", "timestamp": "2026-11-28T10:00:02", "metrics": {"duration": 1.5, "success": false, "error": "TimeoutError"}}}"#
    static let counter =
        #"{"timestamp": "2026-11-28 10:00:03,000", "level": "INFO", "logger": "performance", "message": {"event_type": "active_sessions", "timestamp": "2026-11-28T10:00:03.000000", "metrics": {"count": 12}}}"#

    @Test func mapsASlowQueryRecord() {
        var expected = ScannedFields()
        expected.ts = Timestamp(parsing: "2026-11-28T10:00:00.123456Z")!.microseconds
        expected.level = .warning
        expected.logger = "performance"
        expected.msg = "slow_query"
        expected.event = .slowQuery
        expected.eventRaw = "slow_query"
        expected.op = "db.query"
        expected.durationMs = 250
        expected.thresholdMs = 100
        expected.query = "SELECT * FROM users WHERE id = 42"
        expected.meta = #"{"query": "SELECT * FROM users WHERE id = 42", "duration": 0.25, "threshold": 0.1}"#
        #expect(fields(Self.slowQuery) == expected)
        #expect(withScanned(Self.slowQuery) { _, r in r.source } == .seed)
    }

    @Test func mapsAPerfEventWithOperationStatusAndSuccess() {
        var expected = ScannedFields()
        expected.ts = Timestamp(parsing: "2026-11-28T10:00:01.499Z")!.microseconds
        expected.level = .info
        expected.logger = "performance"
        expected.msg = "api_request"
        expected.event = .perf
        expected.eventRaw = "perf"
        expected.op = "api.GET /api/v1/user/profile"
        expected.durationMs = 41.155
        expected.outcome = "success"
        expected.status = 200
        expected.meta =
            #"{"operation": "api.GET /api/v1/user/profile", "duration": 0.041155, "status_code": 200, "success": true, "user_id": "u7"}"#
        #expect(fields(Self.perf) == expected)
    }

    @Test func mapsAFailureToAnErrorOutcomeAndUsesTheEventTypeAsOp() {
        let f = fields(Self.failed)
        #expect(f?.op == "therapeutic_assessment")
        #expect(f?.durationMs == 1500)
        #expect(f?.outcome == "error")
        #expect(f?.isError == true)
        #expect(f?.error == "TimeoutError")
        #expect(f?.level == .error)
        #expect(f?.ts == Timestamp(parsing: "2026-11-28T10:00:02Z")!.microseconds)
    }

    @Test func anEventWithoutADurationKeepsItsEventType() {
        let f = fields(Self.counter)
        #expect(f?.event == .other)
        #expect(f?.eventRaw == "active_sessions")
        #expect(f?.durationMs == nil)
        #expect(lookup(Self.counter, "meta.count") == "12")
    }

    @Test func fallsBackToTheOuterTimestampTakenAsUTC() {
        let line =
            #"{"timestamp": "2026-11-28 10:00:00,123", "level": "INFO", "logger": "performance", "message": {"event_type": "x", "metrics": {"duration": 0.001}}}"#
        #expect(fields(line)?.ts == Timestamp(parsing: "2026-11-28T10:00:00.123Z")!.microseconds)
        #expect(fields(line)?.durationMs == 1)
    }

    @Test func durationsInSecondsConvertExactlyToMilliseconds() {
        for (seconds, ms) in [
            ("0.1", 100.0), ("0.123", 123.0), ("0.041155", 41.155), ("1.7", 1700.0), ("2", 2000.0),
            ("0.000001", 0.001), ("1e-3", 1.0), ("\"0.5\"", 500.0),
        ] {
            let line = #"{"level":"INFO","message":{"event_type":"x","metrics":{"duration":\#(seconds)}}}"#
            #expect(fields(line)?.durationMs == ms, "\(seconds)")
        }
        let negative = #"{"message":{"event_type":"x","metrics":{"duration":-1}}}"#
        #expect(fields(negative)?.durationMs == nil)
    }

    @Test func convertedFieldsReadBackThroughValueAt() {
        withScanned(Self.slowQuery) { _, r in
            #expect(r.value(at: FieldPath("duration_ms"))?.number == 250)
            #expect(r.value(at: FieldPath("threshold_ms"))?.number == 100)
            #expect(r.value(at: FieldPath("event"))?.string == "slow_query")
            #expect(r.value(at: FieldPath("level"))?.string == "warning")
            #expect(r.value(at: FieldPath("op"))?.string == "db.query")
            #expect(r.number(at: FieldPath("duration_ms")) == 250)
        }
    }

    @Test func aWhereExpressionSeesSeedAndV1LinesAlike() throws {
        let e = try WhereExpression(parsing: "duration > 200ms and level >= warning")
        #expect(withScanned(Self.slowQuery) { _, r in e.evaluate(r) })
        #expect(!withScanned(Self.perf) { _, r in e.evaluate(r) })
    }

    @Test func mixedSeedAndV1LinesScanWithOneScanner() {
        let v1 = LineScannerTests.perfLine
        let lines = [v1, Self.slowQuery, v1, Self.perf, Self.failed, v1, Self.counter]
        var scanner = LineScanner()
        var record = ScannedRecord()
        var summary: [String] = []
        for line in lines {
            let bytes = Array((line + "\n").utf8)
            bytes.withUnsafeBytes { b in
                #expect(scanner.scan(b, into: &record) == .record)
                summary.append("\(record.source) \(record.op?.string ?? "-") \(record.durationMs ?? -1)")
            }
        }
        #expect(
            summary == [
                "v1 api.GET /api/v1/user/profile 41.155",
                "seed db.query 250.0",
                "v1 api.GET /api/v1/user/profile 41.155",
                "seed api.GET /api/v1/user/profile 41.155",
                "seed therapeutic_assessment 1500.0",
                "v1 api.GET /api/v1/user/profile 41.155",
                "seed active_sessions -1.0",
            ])
    }

    @Test func otherLoggersTimestampAndMessageStringsFillTsAndMsg() {
        let f = fields(#"{"timestamp":"2026-11-28T10:00:00Z","level":"info","message":"hello"}"#)
        #expect(f?.msg == "hello")
        #expect(f?.ts == Timestamp(parsing: "2026-11-28T10:00:00Z")!.microseconds)
        #expect(withScanned(#"{"message":"hello"}"#) { _, r in r.source } == .v1)
    }

    @Test func v1FieldsAreNeverOverwritten() {
        let line =
            #"{"ts":"2026-11-28T09:00:00.000000Z","op":"mine","message":{"event_type":"x","timestamp":"2026-11-28T10:00:00","metrics":{"op":"theirs","duration":1}}}"#
        #expect(fields(line)?.op == "mine")
        #expect(fields(line)?.ts == Timestamp(parsing: "2026-11-28T09:00:00Z")!.microseconds)
    }
}
