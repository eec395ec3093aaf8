// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    @_spi(Internals) import PerfLog
    import Testing
    import Tracing

    @testable import PerfLogTracing

    @Suite struct TraceParentTests {
        typealias S = TracingTestSupport

        @Test func parsesTheRecommendationsExample() {
            let ctx = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            #expect(ctx?.traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
            #expect(ctx?.spanID.hex == "00f067aa0ba902b7")
            #expect(ctx?.traceFlags == 1)
            #expect(ctx?.isRemote == true)
            #expect(ctx.map(TraceParent.format) == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        }

        @Test(arguments: [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",  // no flags
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // uppercase
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 with more
            "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
        ])
        func rejectsAnInvalidHeader(_ value: String) {
            #expect(TraceParent.parse(value) == nil)
        }

        @Test func acceptsALaterVersionWithMoreFieldsAndSurroundingSpaces() {
            #expect(
                TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-what-comes")?.traceFlags == 0
            )
            #expect(
                TraceParent.parse("  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ")?.spanID.hex
                    == "00f067aa0ba902b7")
        }

        @Test func idsCrossServicesThroughInjectAndExtract() {
            let sinkA = InMemorySink()
            let sinkB = InMemorySink()
            let serviceA = S.tracer(sinkA)
            let serviceB = PerfLogTracer(sink: sinkB)
            let call = serviceA.startSpan("call b", context: .topLevel, ofKind: .client, at: S.at(0))
            var carrier = Carrier()
            serviceA.inject(call.context, into: &carrier, using: CarrierInjector())
            #expect(carrier.headers == ["traceparent": "00-00000000000000000000000000000001-0000000000000002-01"])

            var received = InstrumentationContext.topLevel
            serviceB.extract(carrier, into: &received, using: CarrierExtractor())
            let handled = serviceB.startSpan("handle", context: received, ofKind: .server, at: S.at(10))
            handled.end(at: S.at(20))
            call.end(at: S.at(30))
            let meta = S.json(sinkB.lines[0])?["meta"] as? [String: String]
            #expect(meta?["trace_id"] == "00000000000000000000000000000001")
            #expect(meta?["parent_span_id"] == "0000000000000002")
            #expect(meta?["span_id"]?.count == 16)
            #expect(meta?["span_id"] != "0000000000000002")
        }

        @Test func anInvalidHeaderStartsANewTrace() {
            let tracer = S.tracer(InMemorySink())
            var ctx = InstrumentationContext.topLevel
            tracer.extract(Carrier(headers: ["traceparent": "00-zz-zz-01"]), into: &ctx, using: CarrierExtractor())
            #expect(ctx.perfLogSpanContext == nil)
            let span = tracer.startSpan("x", context: ctx, ofKind: .server, at: S.at(0))
            #expect(span.context.perfLogSpanContext?.parentSpanID == nil)
            span.end(at: S.at(1))
        }

        @Test func randomIdsAreNonZeroDistinctLowercaseHex() {
            let tracer = PerfLogTracer(sink: InMemorySink())
            var spanIDs = Set<String>()
            var traceIDs = Set<String>()
            for _ in 0..<1000 {
                let span = tracer.startSpan("x", context: .topLevel, ofKind: .internal, at: S.at(0))
                let ctx = span.context.perfLogSpanContext!
                spanIDs.insert(ctx.spanID.hex)
                traceIDs.insert(ctx.traceID.hex)
                span.end(at: S.at(1))
            }
            #expect(spanIDs.count == 1000)
            #expect(traceIDs.count == 1000)
            #expect(spanIDs.allSatisfy { SpanID(hex: $0) != nil })
            #expect(traceIDs.allSatisfy { TraceID(hex: $0) != nil })
        }

        @Test func idsAreWrittenAsTheirZeroPaddedLowercaseHexDigits() {
            func padded(_ v: UInt64) -> String {
                let digits = String(v, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }
            var values: [UInt64] = [
                0, 1, 9, 10, 15, 16, 0xA0, 0xFF, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, .max,
            ]
            values += (0..<64).map { 1 << UInt64($0) } + (0..<64).map { ~(1 << UInt64($0)) }
            var generator = SystemRandomNumberGenerator()
            values += (0..<1000).map { _ in generator.next() }
            for v in values {
                #expect(SpanID(v).hex == padded(v))
                #expect(TraceID(high: v, low: ~v).hex == padded(v) + padded(~v))
                var e = LineEncoder(capacity: 64)
                TraceIDMembers(PerfLogSpanContext(traceID: TraceID(high: ~v, low: v), spanID: SpanID(v)))
                    .append(to: &e)
                #expect(
                    String(decoding: e.bytes, as: UTF8.self)
                        == #"{"span_id":""# + padded(v) + #"","trace_id":""# + padded(~v) + padded(v) + #""}"#)
            }
            #expect(SpanID(0x0123_4567_89AB_CDEF).hex == "0123456789abcdef")
        }
    }
#endif
