// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Logging
    import PerfLog
    import Testing
    import Tracing

    @testable import PerfLogTracing

    @Suite struct PerfLogTracerTests {
        typealias S = TracingTestSupport

        @Test func writesAServerSpanAsOnePerfEventNamedByMethodAndRouteTemplate() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server, at: S.at(0))
            span.attributes["http.request.method"] = "GET"
            span.attributes["url.path"] = "/users/42"
            span.operationName = "/users/{id}"
            span.attributes["http.route"] = "/users/{id}"
            span.attributes["http.response.status_code"] = 200
            span.end(at: S.at(12_345))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.012345Z","level":"info","logger":"tracing","msg":"api.GET /users/{id} done","event":"perf","op":"api.GET /users/{id}","duration_ms":12.345,"outcome":"success","status":200,"meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#
                ])
            #expect(
                tracer.statistics()
                    == TracerStatistics(
                        spansStarted: 1, spansWritten: 1, spansEndedTwice: 0, spansNeverEnded: 0, oddAttributes: 0,
                        operationsCut: 0))
        }

        @Test func writesAThrown500AsAnErrorWithTheErrorsType() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("chat", context: .topLevel, ofKind: .server, at: S.at(0))
            span.attributes["http.request.method"] = "POST"
            span.attributes["http.route"] = "/api/v1/chat/message"
            span.attributes["http.response.status_code"] = 500
            span.setStatus(SpanStatus(code: .error))
            span.recordError(ThrownHTTPError(status: 500))
            span.end(at: S.at(40_000))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.040000Z","level":"error","logger":"tracing","msg":"api.POST /api/v1/chat/message failed","event":"perf","op":"api.POST /api/v1/chat/message","duration_ms":40.0,"outcome":"error","error":"ThrownHTTPError","status":500,"meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#
                ])
        }

        @Test func writesAnUnmatchedRouteAsOneOpAndA404ThrownByTheRouterAsASuccess() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server, at: S.at(0))
            span.attributes["http.request.method"] = "GET"
            span.attributes["url.path"] = "/nope/123"
            span.attributes["http.response.status_code"] = 404
            span.recordError(ThrownHTTPError(status: 404))
            span.end(at: S.at(150))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.000150Z","level":"info","logger":"tracing","msg":"api.GET (no route) done","event":"perf","op":"api.GET (no route)","duration_ms":0.15,"outcome":"success","status":404,"meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#
                ])
        }

        @Test func hummingbirdsNotFoundRouteIsNoRoute() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("NotFound", context: .topLevel, ofKind: .server, at: S.at(0))
            span.attributes["http.request.method"] = "GET"
            span.attributes["http.route"] = "NotFound"
            span.attributes["http.response.status_code"] = 404
            span.recordError(ThrownHTTPError(status: 404))
            span.end(at: S.at(1))
            #expect(
                sink.lines.compactMap { S.json($0).map { "\($0["op"]!) \($0["outcome"]!)" } } == [
                    "api.GET (no route) success"
                ])
        }

        @Test func aChildSpanSharesTheTraceAndNamesItsParent() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let root = tracer.startSpan("work", context: .topLevel, ofKind: .internal, at: S.at(0))
            let child = tracer.startSpan("llm.respond", context: root.context, ofKind: .internal, at: S.at(1_000))
            child.end(at: S.at(3_000))
            root.end(at: S.at(4_000))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.003000Z","level":"info","logger":"tracing","msg":"llm.respond done","event":"perf","op":"llm.respond","duration_ms":2.0,"outcome":"success","meta":{"parent_span_id":"0000000000000002","span_id":"0000000000000003","trace_id":"00000000000000000000000000000001"}}"#,
                    #"{"ts":"2023-11-14T22:13:20.004000Z","level":"info","logger":"tracing","msg":"work done","event":"perf","op":"work","duration_ms":4.0,"outcome":"success","meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#,
                ])
        }

        @Test func writesADatabaseSpanWithItsStatementOnlyFingerprintedInASlowQueryRecord() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink, slowQueries: SlowQueryPolicy(thresholdMs: 100))
            let fast = tracer.startSpan("SELECT users", context: .topLevel, ofKind: .client, at: S.at(0))
            fast.attributes["db.system.name"] = "postgresql"
            fast.attributes["db.query.text"] = "SELECT * FROM users WHERE id = 7"
            fast.end(at: S.at(2_000))
            let slow = tracer.startSpan("find_by_email", context: .topLevel, ofKind: .client, at: S.at(0))
            slow.attributes["db.system"] = "postgresql"
            slow.attributes["db.statement"] = "SELECT * FROM users WHERE email = 'ann@example.com'"
            slow.end(at: S.at(150_000))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.002000Z","level":"info","logger":"tracing","msg":"db.SELECT users done","event":"perf","op":"db.SELECT users","duration_ms":2.0,"outcome":"success","meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#,
                    #"{"ts":"2023-11-14T22:13:20.150000Z","level":"info","logger":"tracing","msg":"db.find_by_email done","event":"perf","op":"db.find_by_email","duration_ms":150.0,"outcome":"success","meta":{"span_id":"0000000000000004","trace_id":"00000000000000000000000000000003"}}"#,
                    #"{"ts":"2023-11-14T22:13:20.150000Z","level":"warning","logger":"tracing","msg":"slow query","event":"slow_query","op":"db.find_by_email","duration_ms":150.0,"outcome":"success","query":"SELECT * FROM users WHERE email = ?","threshold_ms":100.0,"meta":{"span_id":"0000000000000004","trace_id":"00000000000000000000000000000003"}}"#,
                ])
            #expect(!sink.lines.joined().contains("ann@example.com"))
        }

        @Test func namesAClientSpanByMethodAndHost() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("POST", context: .topLevel, ofKind: .client, at: S.at(0))
            span.attributes["http.request.method"] = "POST"
            span.attributes["server.address"] = "llm.internal"
            span.attributes["url.full"] = "https://llm.internal/v1/respond?user=ann"
            span.attributes["http.response.status_code"] = 503
            span.end(at: S.at(1_000))
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.001000Z","level":"error","logger":"tracing","msg":"http.POST llm.internal failed","event":"perf","op":"http.POST llm.internal","duration_ms":1.0,"outcome":"error","error":"HTTP 503","status":503,"meta":{"span_id":"0000000000000002","trace_id":"00000000000000000000000000000001"}}"#
                ])
        }

        @Test func letsTheAppNameSpansAndKeepsTheDefaultWhereItReturnsNil() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink) { span in
                guard span.operationName.hasPrefix("llm") else { return nil }
                if case .string(let model)? = span.attributes.get("model") { return "llm.\(model)" }
                return "llm.?"
            }
            let a = tracer.startSpan("llm call", context: .topLevel, ofKind: .client, at: S.at(0))
            a.attributes["model"] = "small"
            a.end(at: S.at(1_000))
            let b = tracer.startSpan("render", context: .topLevel, ofKind: .internal, at: S.at(0))
            b.end(at: S.at(1_000))
            #expect(sink.lines.compactMap { S.json($0)?["op"] as? String } == ["llm.small", "render"])
        }

        @Test func anErrorStatusOrARecordedErrorWithoutStatusIsAnError() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let a = tracer.startSpan("a", context: .topLevel, ofKind: .internal, at: S.at(0))
            a.setStatus(SpanStatus(code: .error, message: "timed out"))
            a.end(at: S.at(1))
            let b = tracer.startSpan("b", context: .topLevel, ofKind: .internal, at: S.at(0))
            b.recordError(ThrownHTTPError(status: 0))
            b.end(at: S.at(1))
            let c = tracer.startSpan("c", context: .topLevel, ofKind: .internal, at: S.at(0))
            c.setStatus(SpanStatus(code: .ok))
            c.end(at: S.at(1))
            let fields = sink.lines.compactMap(S.json).map { "\($0["outcome"]!) \($0["error"] ?? "-")" }
            #expect(fields == ["error timed out", "error ThrownHTTPError", "success -"])
        }

        /// Root, child, erroneous and slow db spans through both ways of writing the ids: straight
        /// into `meta`, and through a metadata dictionary (a logger with a provider, here returning
        /// nothing) give the same bytes.
        @Test func idsWrittenStraightIntoMetaEqualTheDictionaryEncoding() {
            func run(_ logger: (InMemorySink) -> PerformanceLogger) -> (direct: Bool, lines: [String]) {
                let sink = InMemorySink()
                let tracer = PerfLogTracer(
                    performanceLogger: logger(sink), operationNaming: nil, ids: SpanIDGenerator(sequential: ()))
                let root = tracer.startSpan("HTTP POST", context: .topLevel, ofKind: .server, at: S.at(0))
                root.attributes["http.request.method"] = "POST"
                root.attributes["http.route"] = "/api/v1/chat/message"
                let query = tracer.startSpan("find_user", context: root.context, ofKind: .client, at: S.at(10))
                query.attributes["db.system.name"] = "postgresql"
                query.attributes["db.query.text"] = "SELECT id FROM users WHERE email = 'ann@example.com'"
                query.end(at: S.at(150_010))
                let inner = tracer.startSpan("llm.respond", context: root.context, ofKind: .internal, at: S.at(20))
                inner.recordError(ThrownHTTPError(status: 0))
                inner.end(at: S.at(200_000))
                root.attributes["http.response.status_code"] = 500
                root.end(at: S.at(250_000))
                return (tracer.storage.writesIDsDirectly, sink.lines)
            }
            let slow = SlowQueryPolicy(thresholdMs: 100)
            let direct = run { PerformanceLogger(label: "tracing", sink: $0, slowQueries: slow) }
            let dictionary = run {
                PerformanceLogger(
                    label: "tracing", sink: $0, metadataProvider: Logger.MetadataProvider { [:] }, slowQueries: slow)
            }
            #expect(direct.direct && !dictionary.direct)
            #expect(direct.lines.count == 4)
            #expect(direct.lines == dictionary.lines)
            #expect(
                direct.lines[1]
                    == #"{"ts":"2023-11-14T22:13:20.150010Z","level":"warning","logger":"tracing","msg":"slow query","event":"slow_query","op":"db.find_user","duration_ms":150.0,"outcome":"success","query":"SELECT id FROM users WHERE email = ?","threshold_ms":100.0,"meta":{"parent_span_id":"0000000000000002","span_id":"0000000000000003","trace_id":"00000000000000000000000000000001"}}"#
            )
        }

        @Test func aLoggersOwnMetadataAndRedactionApplyToTheIDs() {
            let sink = InMemorySink()
            let logger = PerformanceLogger(
                label: "tracing", sink: sink, metadata: ["service": "api"],
                redaction: MetadataRedaction(keys: MetadataRedaction.defaultKeys + ["trace_id"]))
            let tracer = PerfLogTracer(
                performanceLogger: logger, operationNaming: nil, ids: SpanIDGenerator(sequential: ()))
            tracer.startSpan("work", context: .topLevel, ofKind: .internal, at: S.at(0)).end(at: S.at(1_000))
            #expect(!tracer.storage.writesIDsDirectly)
            #expect(
                sink.lines == [
                    #"{"ts":"2023-11-14T22:13:20.001000Z","level":"info","logger":"tracing","msg":"work done","event":"perf","op":"work","duration_ms":1.0,"outcome":"success","meta":{"service":"api","span_id":"0000000000000002","trace_id":"[REDACTED]"}}"#
                ])
        }
    }
#endif
