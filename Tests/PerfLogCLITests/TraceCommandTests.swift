import Foundation
import Testing

@Suite struct TraceCommandTests {
    static let id = "4bf92f3577b34da6a3ce929d0e0e4736"

    static func span(
        _ ts: String, _ op: String, _ ms: String, _ span: String, parent: String?, trace: String = id,
        extra: String = ""
    ) -> String {
        let p = parent.map { #""parent_span_id":"\#($0)","# } ?? ""
        return
            #"{"ts":"2026-12-02T10:00:\#(ts)Z","level":"info","logger":"tracing","msg":"\#(op) done","event":"perf","op":"\#(op)","duration_ms":\#(ms),"outcome":"success"\#(extra),"meta":{\#(p)"span_id":"\#(span)","trace_id":"\#(trace)"}}"#
    }

    static let lines = [
        span("00.000800", "db.get_user_profile", "0.5", "0000000000000004", parent: "0000000000000001"),
        #"{"ts":"2026-12-02T10:00:00.010000Z","level":"info","logger":"app","msg":"handling","meta":{"span_id":"0000000000000002","trace_id":"\#(id)"}}"#,
        span("00.045750", "db.insert_message", "4.25", "0000000000000003", parent: "0000000000000002")
            .replacingOccurrences(of: #""outcome":"success""#, with: #""outcome":"error","error":"Timeout""#),
        span("00.046000", "llm.respond", "45.0", "0000000000000002", parent: "0000000000000001"),
        span(
            "00.052000", "api.POST /api/v1/chat/message", "52.0", "0000000000000001", parent: nil,
            extra: #","status":500"#
        )
        .replacingOccurrences(of: #""outcome":"success""#, with: #""outcome":"error","error":"HTTPError""#),
        span(
            "00.030000", "api.GET /other", "3.0", "0000000000000007", parent: nil,
            trace: "0af7651916cd43dd8448eb211c80319c"),
        span("00.060000", "cache.get", "1.0", "0000000000000005", parent: "0000000000000099"),
    ]

    @Test func printsTheSpanTreeOfOneTraceWithOffsetsDurationsAndStatuses() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.lines.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(["trace", Self.id, dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == """
                trace 4bf92f3577b34da6a3ce929d0e0e4736: 5 spans, 1 log line, 1 without their parent in the logs
                  offset_ms  duration_ms  status  op
                      0.000       52.000     500  api.POST /api/v1/chat/message  error: HTTPError
                      0.300        0.500       -    db.get_user_profile
                      1.000       45.000       -    llm.respond
                     41.500        4.250       -      db.insert_message  error: Timeout
                     59.000        1.000       -  cache.get

                """)
        #expect(r.stderr == "")
    }

    @Test func readsCompressedSegmentsAndStandardInput() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.lines.joined(separator: "\n") + "\n"
        try text.write(to: dir.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
        _ = try WriterCLIShell.run("gzip \(dir.path)/app.log")
        let gz = try PerfLogBinary.run([
            "trace", "0af7651916cd43dd8448eb211c80319c", dir.appendingPathComponent("app.log.gz").path,
        ])
        #expect(gz.status == 0, "\(gz.stderr)")
        #expect(
            gz.stdout == """
                trace 0af7651916cd43dd8448eb211c80319c: 1 span, 0 log lines
                  offset_ms  duration_ms  status  op
                      0.000        3.000       -  api.GET /other

                """)
        let stdin = try PerfLogBinary.run(["trace", Self.id, "-"], stdin: Data(text.utf8))
        #expect(stdin.status == 0)
        #expect(stdin.stdout.split(separator: "\n").count == 7)
    }

    @Test func aTraceWithNoSpanExits1NamingTheTrace() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.lines.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(["trace", "00000000000000000000000000000abc", dir.path])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "perflog: trace 00000000000000000000000000000abc: no span found in \(dir.path)\n")
    }

    @Test func aBadTraceIDIsRejectedWithExit1() throws {
        let r = try PerfLogBinary.run(["trace", "4BF92F3577B34DA6A3CE929D0E0E4736", "x.log"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("TRACE_ID 4BF92F3577B34DA6A3CE929D0E0E4736 is not 32 lowercase hex digits"))
    }

    @Test func aMalformedLineWithTheIDIsReportedAndExits3AfterTheTree() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.lines.joined(separator: "\n") + "\n" + #"{"meta":{"trace_id":"\#(Self.id)"# + "\n"
        try text.write(to: dir.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
        let r = try PerfLogBinary.run(["trace", Self.id, dir.path])
        #expect(r.status == 3)
        #expect(r.stdout.hasPrefix("trace \(Self.id): 5 spans"))
        #expect(r.stderr == "perflog: 1 malformed line containing the trace id skipped\n")
    }
}
