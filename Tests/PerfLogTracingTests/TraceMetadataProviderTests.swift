// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Logging
    import PerfLog
    import Testing
    import Tracing

    @testable import PerfLogTracing

    @Suite struct TraceMetadataProviderTests {
        typealias S = TracingTestSupport

        @Test func everyLineLoggedInsideASpanCarriesItsIDsAndOthersDoNot() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let logger = Logger(label: "app") { label in
                PerfLogHandler(label: label, sink: sink, logLevel: .info, metadataProvider: .perfLogTrace)
            }
            logger.info("before")
            let span = tracer.startSpan("request", context: .topLevel, ofKind: .server, at: S.at(0))
            InstrumentationContext.$current.withValue(span.context) {
                logger.info("inside")
            }
            span.end(at: S.at(1))
            logger.info("after")
            let metas = sink.lines.compactMap(S.json).map { ($0["msg"] as! String, $0["meta"] as? [String: String]) }
            #expect(metas.map(\.0) == ["before", "inside", "request done", "after"])
            #expect(metas[0].1 == nil)
            #expect(metas[1].1 == ["trace_id": "00000000000000000000000000000001", "span_id": "0000000000000002"])
            #expect(metas[2].1 == ["trace_id": "00000000000000000000000000000001", "span_id": "0000000000000002"])
            #expect(metas[3].1 == nil)
        }
    }
#endif
