// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Foundation
    import Logging
    import PerfLog
    import Testing
    import Tracing

    @testable import PerfLogTracing

    @Suite struct TracingHostileInputTests {
        typealias S = TracingTestSupport

        @Test func aSpanEndedTwiceIsWrittenOnceAndCounted() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let span = tracer.startSpan("x", context: .topLevel, ofKind: .internal, at: S.at(0))
            span.end(at: S.at(1))
            span.end(at: S.at(2))
            #expect(sink.lines.count == 1)
            #expect(tracer.statistics().spansEndedTwice == 1)
            #expect(!span.isRecording)
        }

        @Test func aSpanNeverEndedWritesNothingAndIsCounted() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            do {
                let span = tracer.startSpan("lost", context: .topLevel, ofKind: .internal, at: S.at(0))
                span.attributes["k"] = "v"
            }
            #expect(sink.lines.isEmpty)
            #expect(tracer.statistics().spansNeverEnded == 1)
            #expect(tracer.statistics().spansStarted == 1)
        }

        @Test func oddlyTypedAttributesAreUsedWhenTheyMeanAStatusAndCountedOtherwise() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let a = tracer.startSpan("a", context: .topLevel, ofKind: .server, at: S.at(0))
            a.attributes["http.request.method"] = "GET"
            a.attributes["http.response.status_code"] = "503"
            a.end(at: S.at(1))
            let b = tracer.startSpan("b", context: .topLevel, ofKind: .server, at: S.at(0))
            b.attributes["http.request.method"] = 7
            b.attributes["http.response.status_code"] = true
            b.end(at: S.at(1))
            let c = tracer.startSpan("c", context: .topLevel, ofKind: .server, at: S.at(0))
            c.attributes["http.request.method"] = "GET"
            c.attributes["http.response.status_code"] = 200.5
            c.attributes["http.route"] = ["/a", "/b"]
            c.end(at: S.at(1))
            let fields = sink.lines.compactMap(S.json).map { "\($0["op"]!) \($0["status"] ?? "-") \($0["outcome"]!)" }
            #expect(fields == ["api.GET (no route) 503 error", "b - success", "api.GET (no route) - success"])
            #expect(tracer.statistics().oddAttributes == 2)
        }

        @Test func aHundredKilobyteNameIsCutAndControlCharactersAreEscapedInOneLine() {
            let sink = InMemorySink()
            let tracer = S.tracer(sink)
            let huge = String(repeating: "é", count: 50_000)
            let a = tracer.startSpan(huge, context: .topLevel, ofKind: .internal, at: S.at(0))
            a.end(at: S.at(1))
            let b = tracer.startSpan(
                "line\nbreak\u{0}\u{1b}[31m\"quote", context: .topLevel, ofKind: .internal, at: S.at(0))
            b.attributes["http.route"] = String(repeating: "x", count: 100_000)
            b.end(at: S.at(1))
            #expect(sink.lineBytes.allSatisfy { $0.filter { $0 == 0x0A }.count == 1 && $0.last == 0x0A })
            let ops = sink.lines.compactMap { S.json($0)?["op"] as? String }
            #expect(ops == [String(repeating: "é", count: 128), "line\nbreak\u{0}\u{1b}[31m\"quote"])
            #expect(tracer.statistics().operationsCut == 1)
        }

        @Test func spansEndedFromManyTasksAreEachWrittenOnce() async {
            let sink = InMemorySink()
            let tracer = PerfLogTracer(sink: sink)
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        for j in 0..<250 {
                            let span = tracer.startSpan("t\(i)", context: .topLevel, ofKind: .internal, at: S.at(0))
                            span.end(at: S.at(UInt64(j)))
                            span.end(at: S.at(UInt64(j)))
                        }
                    }
                }
            }
            #expect(sink.lines.count == 2000)
            #expect(tracer.statistics().spansEndedTwice == 2000)
            #expect(Set(sink.lines.compactMap { (S.json($0)?["meta"] as? [String: String])?["span_id"] }).count == 2000)
        }
    }
#endif
