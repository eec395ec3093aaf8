import Foundation
import Logging
import Synchronization
import Testing

@testable import PerfLog

enum PaymentError: Error, Equatable {
    case declined(code: Int)
}

actor Ledger {
    var total = 0
    func add(_ n: Int) -> Int {
        total += n
        return total
    }
}

@Suite struct PerformanceLoggerTests {
    typealias S = LineTestSupport

    @Test func measuresASynchronousOperationAsOnePerfEvent() throws {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "tta.db", sink: sink, metadata: ["service": "tta"])
        let value = perf.measure("db.get_user_profile") { 41 + 1 }
        #expect(value == 42)
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.db","msg":"db.get_user_profile done","event":"perf","op":"db.get_user_profile","duration_ms":D,"outcome":"success","meta":{"service":"tta"}}"#
            ])
        let d = S.json(sink.lines[0])?["duration_ms"] as? Double
        #expect(d.map { $0 >= 0 } == true)
    }

    @Test func recordsAThrownErrorAndRethrowsItUnchanged() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "tta.api", sink: sink)
        #expect(throws: PaymentError.declined(code: 51)) {
            try perf.measure("api.POST /pay") { () throws(PaymentError) -> Int in throw .declined(code: 51) }
        }
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"error","logger":"tta.api","msg":"api.POST /pay failed","event":"perf","op":"api.POST /pay","duration_ms":D,"outcome":"error","error":"PaymentError"}"#
            ])
    }

    @Test func everyMeasureFormRecordsAThrownErrorAndRethrowsIt() async {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "t", sink: sink, slowQueries: SlowQueryPolicy(thresholdMs: 1e9))
        let fail = { () throws(PaymentError) -> Int in throw .declined(code: 1) }
        #expect(throws: PaymentError.declined(code: 1)) { try perf.measure("a.sync", fail) }
        await #expect(throws: PaymentError.declined(code: 1)) {
            try await perf.measure("a.async") { () async throws(PaymentError) -> Int in try fail() }
        }
        #expect(throws: PaymentError.declined(code: 1)) { try perf.measureQuery("q.sync", query: "SELECT 1", fail) }
        await #expect(throws: PaymentError.declined(code: 1)) {
            try await perf.measureQuery("q.async", query: "SELECT 1") { () async throws(PaymentError) -> Int in
                try fail()
            }
        }
        #expect(
            sink.lines.map(S.normalized)
                == ["a.sync", "a.async", "q.sync", "q.async"].map {
                    #"{"ts":"TS","level":"error","logger":"t","msg":"\#($0) failed","event":"perf","op":"\#($0)","duration_ms":D,"outcome":"error","error":"PaymentError"}"#
                })
    }

    @Test func keepsTheTypedErrorOfTheBody() {
        let perf = PerformanceLogger(sink: InMemorySink())
        // `#expect(throws:)` with a PaymentError value compiles only if `measure` rethrows the
        // body's error type, and fails when nothing or another error is thrown.
        #expect(throws: PaymentError.declined(code: 5)) {
            try perf.measure("x") { () throws(PaymentError) in throw .declined(code: 5) }
        }
        let caught: PaymentError? = {
            do throws(PaymentError) {
                try perf.measure("x") { () throws(PaymentError) in throw .declined(code: 5) }
                return nil
            } catch {
                return error  // statically a PaymentError: typed throws pass through
            }
        }()
        #expect(caught == .declined(code: 5))
    }

    @Test func measuresAsynchronousOperationsOnTheCallersActor() async throws {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "tta.llm", sink: sink)
        let ledger = Ledger()
        let total = await perf.measure("llm.respond") { await ledger.add(5) }
        #expect(total == 5)
        let sync = perf.measure("cache.lookup") { 7 }  // the synchronous overload, from async code
        #expect(sync == 7)
        await #expect(throws: PaymentError.self) {
            try await perf.measure("therapeutic.assess") { () async throws -> Int in
                try await Task.sleep(nanoseconds: 1_000_000)
                throw PaymentError.declined(code: 1)
            }
        }
        let objs = sink.lines.compactMap { S.json($0) }
        #expect(objs.map { $0["op"] as? String } == ["llm.respond", "cache.lookup", "therapeutic.assess"])
        #expect(objs.map { $0["outcome"] as? String } == ["success", "success", "error"])
        #expect(objs.map { $0["error"] as? String } == [nil, nil, "PaymentError"])
        #expect((objs[2]["duration_ms"] as? Double).map { $0 >= 1.0 } == true)
    }

    @Test func recordsHTTPRequestsWithStatusAndCounts5xxAsErrors() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "tta.api", sink: sink)
        perf.recordRequest(op: "api.GET /api/v1/user/profile", durationMs: 12.3456, status: 200)
        perf.recordRequest(op: "api.GET /api/v1/user/profile", durationMs: 3, status: 404)
        perf.recordRequest(op: "api.POST /api/v1/chat/message", durationMs: 1500.25, status: 503)
        #expect(
            sink.lines.map(S.normalized(_:)).map { $0.replacingOccurrences(of: "\"ts\":\"TS\",", with: "") } == [
                #"{"level":"info","logger":"tta.api","msg":"api.GET /api/v1/user/profile done","event":"perf","op":"api.GET /api/v1/user/profile","duration_ms":D,"outcome":"success","status":200}"#,
                #"{"level":"info","logger":"tta.api","msg":"api.GET /api/v1/user/profile done","event":"perf","op":"api.GET /api/v1/user/profile","duration_ms":D,"outcome":"success","status":404}"#,
                #"{"level":"error","logger":"tta.api","msg":"api.POST /api/v1/chat/message failed","event":"perf","op":"api.POST /api/v1/chat/message","duration_ms":D,"outcome":"error","error":"HTTP 503","status":503}"#,
            ])
        #expect(
            sink.lines.map {
                $0.contains("\"duration_ms\":12.346,") || $0.contains("\"duration_ms\":3.0,")
                    || $0.contains("\"duration_ms\":1500.25,")
            } == [true, true, true])
    }

    @Test func writesASlowQueryRecordWhenTheThresholdIsReached() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(label: "tta.db", sink: sink)
        let sql = "SELECT * FROM messages WHERE session_id IN (161, 464, 3) ORDER BY created_at DESC LIMIT 29"
        perf.recordQuery(op: "db.list_history", query: sql, durationMs: 99.999)
        perf.recordQuery(op: "db.list_history", query: sql, durationMs: 100)
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.db","msg":"db.list_history done","event":"perf","op":"db.list_history","duration_ms":D,"outcome":"success"}"#,
                #"{"ts":"TS","level":"info","logger":"tta.db","msg":"db.list_history done","event":"perf","op":"db.list_history","duration_ms":D,"outcome":"success"}"#,
                #"{"ts":"TS","level":"warning","logger":"tta.db","msg":"slow query","event":"slow_query","op":"db.list_history","duration_ms":D,"outcome":"success","query":"SELECT * FROM messages WHERE session_id IN (?) ORDER BY created_at DESC LIMIT ?","threshold_ms":100.0}"#,
            ])
        // The perf event and its slow_query record share the timestamp.
        #expect(S.json(sink.lines[1])?["ts"] as? String == S.json(sink.lines[2])?["ts"] as? String)
    }

    @Test func appliesConfiguredAndPerOpThresholds() {
        let sink = InMemorySink()
        let policy = SlowQueryPolicy(thresholdMs: 50, overrides: ["db.search": 500])
        let perf = PerformanceLogger(sink: sink, slowQueries: policy)
        perf.recordQuery(op: "db.get", query: "SELECT 1", durationMs: 60)
        perf.recordQuery(op: "db.search", query: "SELECT 2", durationMs: 400)
        perf.recordQuery(op: "db.search", query: "SELECT 3", durationMs: 600)
        let slow = sink.lines.compactMap { S.json($0) }.filter { $0["event"] as? String == "slow_query" }
        #expect(slow.map { $0["op"] as? String } == ["db.get", "db.search"])
        #expect(slow.map { $0["threshold_ms"] as? Double } == [50, 500])
        #expect(SlowQueryPolicy().thresholdMs == 100)
    }

    @Test func fingerprintsSlowQueriesInThePolicysDialect() {
        let query = #"SELECT * FROM files WHERE path = 'C:\dir\' AND owner = 'Johnathan SECRET'"#
        var lines: [String?] = []
        for dialect in [SQLDialect.generic, .postgresql] {
            let sink = InMemorySink()
            var policy = SlowQueryPolicy(thresholdMs: 0)
            policy.dialect = dialect
            #expect(policy.fingerprint.dialect == dialect)
            PerformanceLogger(sink: sink, slowQueries: policy).recordQuery(op: "db.files", query: query, durationMs: 5)
            lines.append(
                sink.lines.compactMap { S.json($0) }.first { $0["event"] as? String == "slow_query" }?["query"]
                    as? String)
        }
        #expect(lines == ["SELECT * FROM files WHERE path = ?", "SELECT * FROM files WHERE path = ? AND owner = ?"])
    }

    @Test func measuresQueriesAndMonitorsThemLikeTheSeed() async throws {
        let sink = InMemorySink()
        let perf = PerformanceLogger(sink: sink, slowQueries: SlowQueryPolicy(thresholdMs: 0))
        let db = DatabaseMonitor(performance: perf)
        let n = db.monitorQuery("get_user_profile", query: "SELECT * FROM users WHERE id = 7") { 1 }
        #expect(n == 1)
        await #expect(throws: PaymentError.self) {
            try await db.monitorQuery("insert_message", query: "INSERT INTO m VALUES (1, 'hi')") {
                () async throws -> Void in throw PaymentError.declined(code: 2)
            }
        }
        let objs = sink.lines.compactMap { S.json($0) }
        #expect(objs.map { $0["event"] as? String } == ["perf", "slow_query", "perf", "slow_query"])
        #expect(
            objs.map { $0["op"] as? String } == [
                "db.get_user_profile", "db.get_user_profile", "db.insert_message", "db.insert_message",
            ])
        #expect(
            objs.map { $0["query"] as? String } == [
                nil, "SELECT * FROM users WHERE id = ?", nil, "INSERT INTO m VALUES (?)",
            ])
        #expect(objs.map { $0["outcome"] as? String } == ["success", "success", "error", "error"])
    }

    @Test func noQueryLiteralReachesTheLog() throws {
        let sink = InMemorySink()
        let perf = PerformanceLogger(sink: sink)
        let secrets = [
            "alice@example.com", "Jane Doe", "4111111111111111", "0x5EC12E7", "1985-04-12", "98.6", "s3cr3t",
        ]
        let queries = [
            "SELECT * FROM users WHERE email = 'alice@example.com' AND name = \"Jane Doe\"",
            "UPDATE cards SET number = 4111111111111111, hint = 0x5EC12E7 WHERE born = '1985-04-12'",
            "INSERT INTO vitals (t, note) VALUES (98.6, $$s3cr3t$$), (-98.6, E'Jane Doe\\'s')",
            "SELECT 1 -- alice@example.com\n FROM t /* Jane Doe */ WHERE x IN ('s3cr3t', 4111111111111111)",
        ]
        for q in queries { perf.recordQuery(op: "db.q", query: q, durationMs: 250) }
        let text = S.string(sink.contents)
        for s in secrets { #expect(!text.contains(s), "\(s)") }
        #expect(sink.lines.count == 8)
    }

    @Test func noQueryLiteralReachesTheLogFile() throws {
        let dir = NSTemporaryDirectory() + "perflog-privacy-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.ndjson"
        do {
            let sink = try PlainFileSink(path: path)
            let db = DatabaseMonitor(performance: PerformanceLogger(label: "tta.db", sink: sink))
            let people = [
                ("bob.smith@example.org", "Bob Smith", 31_337), ("jo@clinic.example", "Jo O'Neil", 4_242_4242),
            ]
            for (email, name, number) in people {
                let escapedName = name.replacingOccurrences(of: "'", with: "''")
                let sql =
                    "SELECT * FROM patients WHERE email = '\(email)' AND full_name = '\(escapedName)' AND mrn = \(number)"
                db.performance.recordQuery(op: "db.find_patient", query: sql, durationMs: 150)
                _ = db.monitorQuery("find_patient", query: sql) { 0 }
            }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for literal in ["bob.smith", "example.org", "Bob Smith", "31337", "jo@clinic", "O'Neil", "O''Neil", "42424242"]
        {
            #expect(!text.contains(literal), "\(literal)")
        }
        #expect(text.contains("\"query\":\"SELECT * FROM patients WHERE email = ? AND full_name = ? AND mrn = ?\""))
    }

    @Test func writesThroughAPerfLogBackedLogger() {
        let sink = InMemorySink()
        var logger = Logger(label: "tta.api") { PerfLogHandler(label: $0, sink: sink) }
        logger[metadataKey: "request_id"] = "r1"
        logger[metadataKey: "token"] = "t"
        let perf = PerformanceLogger(logger: logger)
        perf.record(op: "api.x", durationMs: 2)
        #expect(
            sink.lines.map(S.normalized) == [
                #"{"ts":"TS","level":"info","logger":"tta.api","msg":"api.x done","event":"perf","op":"api.x","duration_ms":D,"outcome":"success","meta":{"request_id":"r1","token":"[REDACTED]"}}"#
            ])
    }

    @Test func addsMetadataProviderValues() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(
            sink: sink, metadata: ["a": "1", "trace_id": "static"],
            metadataProvider: Logger.MetadataProvider { ["trace_id": "t-42"] })
        perf.record(op: "x", durationMs: 1)
        #expect(S.normalized(sink.lines[0]).hasSuffix(#""meta":{"a":"1","trace_id":"t-42"}}"#))
    }

    @Test func fallsBackToLogCallsForOtherHandlers() {
        let recorder = RecordingHandler.Box()
        let logger = Logger(label: "other") { _ in RecordingHandler(box: recorder) }
        let perf = PerformanceLogger(logger: logger)
        perf.record(op: "api.y", durationMs: 1.5, status: 201)
        let entries = recorder.entries
        #expect(entries.count == 1)
        #expect(entries.first?.message == "api.y done")
        #expect(
            entries.first?.metadata == [
                "event": "perf", "op": "api.y", "duration_ms": "1.5", "outcome": "success", "status": "201",
            ])
    }

    @Test func takesPerEventMetadataAndAGivenTimestamp() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(
            label: "tta.api", sink: sink, metadata: ["service": "tta", "user_id": "static"],
            metadataProvider: Logger.MetadataProvider { ["trace_id": "t-1", "user_id": "provider"] })
        perf.recordRequest(
            op: "api.GET /x", durationMs: 41.155, status: 200,
            metadata: ["request_id": "r6c031199", "user_id": "u00819"],
            timestamp: LineTestSupport.fixedTS)
        perf.recordQuery(
            op: "db.q", query: "SELECT 1", durationMs: 150, metadata: ["request_id": "r2"],
            timestamp: LineTestSupport.fixedTS)
        _ = perf.measure("cache.get", metadata: ["key_kind": "profile"]) { 1 }
        #expect(
            sink.lines[0]
                == #"{"ts":"2026-11-28T10:00:00.123456Z","level":"info","logger":"tta.api","msg":"api.GET /x done","event":"perf","op":"api.GET /x","duration_ms":41.155,"outcome":"success","status":200,"meta":{"request_id":"r6c031199","service":"tta","trace_id":"t-1","user_id":"u00819"}}"#
        )
        #expect(
            sink.lines[1].hasSuffix(
                #""meta":{"request_id":"r2","service":"tta","trace_id":"t-1","user_id":"provider"}}"#))
        #expect(
            sink.lines[2].hasSuffix(
                #""meta":{"request_id":"r2","service":"tta","trace_id":"t-1","user_id":"provider"}}"#))
        #expect(sink.lines[2].hasPrefix(#"{"ts":"2026-11-28T10:00:00.123456Z","level":"warning""#))
        #expect(
            sink.lines[3].hasSuffix(
                #""meta":{"key_kind":"profile","service":"tta","trace_id":"t-1","user_id":"provider"}}"#))
    }

    @Test func skipsEventsBelowTheLevel() {
        let sink = InMemorySink()
        let perf = PerformanceLogger(sink: sink, logLevel: .warning)
        perf.record(op: "x", durationMs: 1)
        perf.record(op: "y", durationMs: 1, outcome: .error, error: "E")
        perf.recordQuery(op: "z", query: "SELECT 1", durationMs: 500)
        #expect(sink.lines.compactMap { S.json($0)?["op"] as? String } == ["y", "z"])
    }
}

/// A handler that keeps what it is given, to test the non-perflog path.
struct RecordingHandler: LogHandler {
    final class Box: Sendable {
        let storage = Mutex<[(message: String, metadata: [String: String])]>([])
        var entries: [(message: String, metadata: [String: String])] { storage.withLock { $0 } }
    }

    let box: Box
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var md: [String: String] = [:]
        for (k, v) in event.metadata ?? [:] { md[k] = "\(v)" }
        box.storage.withLock { $0.append((event.message.description, md)) }
    }
}

/// The README's app-code example, compiled (not run: swift-log may be bootstrapped once per process).
enum ReadmeExample {
    struct Database {
        func userProfile(_ id: String) async throws -> String { id }
        func run(_ sql: String) throws -> [String] { [] }
    }

    static func appCode(db: Database, sql: String) async throws {
        // The README's example, line for line (this only has to compile).
        var config = RotatingFileWriter.Configuration(directory: "/var/log/tta", name: "api")
        config.rotation = .init(maxBytes: 64 << 20, interval: .hourly)  // rotate at 64 MiB or every UTC hour
        config.retention = .init(maxSegments: 168, maxTotalBytes: 4 << 30)
        let writer = try RotatingFileWriter(configuration: config)  // 0640 files, never follows symlinks
        LoggingSystem.bootstrapPerfLog(sink: writer)  // every Logger writes format-v1 lines
        let logger = Logger(label: "tta.api")
        let perf = PerformanceLogger(logger: logger)
        let profile = try await perf.measure("db.get_user_profile") { try await db.userProfile("u1") }
        perf.recordRequest(op: "api.GET /api/v1/user/profile", durationMs: 12.5, status: 200)
        let rows = try perf.measureQuery("db.list_history", query: sql) { try db.run(sql) }  // + slow_query at ≥ 100 ms
        _ = (profile, rows)
    }
}
