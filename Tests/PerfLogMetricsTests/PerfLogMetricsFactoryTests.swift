import Foundation
import Metrics
import PerfLog
import Testing

@testable import CoreMetrics
@testable import PerfLogMetrics

@Suite struct PerfLogMetricsFactoryTests {
    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    /// The line without its timestamp and with `interval_ms` set to 0.
    static func stripped(_ line: String) -> String {
        var b = Array(line.utf8)
        b.replaceSubrange(7..<34, with: Array("TS".utf8))
        let s = String(decoding: b, as: UTF8.self)
        return s.replacing(/"interval_ms":[0-9.e+-]+/, with: #""interval_ms":0"#)
    }

    /// A factory that writes series only on flush.
    static func manual(_ sink: InMemorySink, _ naming: MetricOpNaming = .http) -> PerfLogMetricsFactory {
        PerfLogMetricsFactory(sink: sink, interval: nil, opNaming: naming)
    }

    @Test func httpTimersAreNamedByMethodAndRouteWithTheStatusApart() {
        let sink = InMemorySink()
        let factory = Self.manual(sink)
        let dims = [
            ("http.route", "/users/{id}"), ("http.request.method", "GET"), ("http.response.status_code", "200"),
            ("region", "eu"),
        ]
        Timer(label: "http.server.request.duration", dimensions: dims, factory: factory).recordMilliseconds(12)
        Timer(
            label: "http.server.request.duration",
            dimensions: [("http.request.method", "POST"), ("http.response.status_code", "503")], factory: factory
        )
        .recordNanoseconds(1_500)
        Timer(label: "plain", factory: factory).record(duration: .milliseconds(250))
        #expect(
            sink.lines.map(Self.stripped) == [
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"api.GET /users/{id} done","event":"perf","op":"api.GET /users/{id}","duration_ms":12.0,"outcome":"success","status":200,"meta":{"region":"eu"}}"#,
                #"{"ts":"TS","level":"error","logger":"metrics","msg":"api.POST (no route) failed","event":"perf","op":"api.POST (no route)","duration_ms":0.002,"outcome":"error","error":"HTTP 503","status":503}"#,
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"plain done","event":"perf","op":"plain","duration_ms":250.0,"outcome":"success"}"#,
            ])
    }

    @Test func appsNameTheDimensionsThatFormTheOp() {
        let sink = InMemorySink()
        let factory = Self.manual(sink, .dimensions(["queue", "kind"]))
        Timer(
            label: "job", dimensions: [("kind", "a"), ("host", "h1"), ("queue", "mail"), ("status", "500")],
            factory: factory
        )
        .recordMilliseconds(1)
        let o = Self.json(sink.lines[0])
        #expect(o["op"] as? String == "job{queue=mail,kind=a}")
        #expect(o["status"] as? Int == 500)
        #expect(o["meta"] as? [String: String] == ["host": "h1"])
    }

    @Test func seriesAreAggregatedAndWrittenOncePerIntervalAsNumbers() {
        let sink = InMemorySink()
        let factory = Self.manual(sink)
        let dims = [("http.route", "/chat"), ("http.request.method", "POST"), ("http.response.status_code", "500")]
        let counter = Counter(label: "hb.requests", dimensions: dims, factory: factory)
        for _ in 0..<1000 { counter.increment() }
        counter.increment(by: 4)
        Recorder(label: "payload_bytes", factory: factory).record(512)
        Recorder(label: "payload_bytes", factory: factory).record(256)
        let gauge = Gauge(label: "sessions", factory: factory)
        gauge.record(7.5)
        gauge.record(2)
        gauge.record(3)
        let meter = Meter(
            label: "http.server.active_requests", dimensions: [("http.request.method", "GET")], factory: factory)
        meter.increment(by: 3)
        meter.decrement(by: 2)
        #expect(sink.lines.isEmpty)
        factory.flush()
        #expect(
            Set(sink.lines.map(Self.stripped)) == [
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":0,"delta":1004,"total":1004}"#,
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"payload_bytes","event":"recorder","op":"payload_bytes","interval_ms":0,"count":2,"sum":768,"min":256,"max":512,"last":256}"#,
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"sessions","event":"gauge","op":"sessions","interval_ms":0,"last":3,"min":2,"max":7.5}"#,
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"http.server.active_requests GET","event":"meter","op":"http.server.active_requests GET","interval_ms":0,"last":1,"min":1,"max":3}"#,
            ])
        // Only what changed is written at the next interval; the counter's total runs on.
        sink.removeAll()
        counter.increment(by: 6)
        factory.flush()
        #expect(
            sink.lines.map(Self.stripped) == [
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":0,"delta":6,"total":1010}"#
            ])
        sink.removeAll()
        counter.reset()
        counter.increment(by: 2)
        factory.close()
        #expect(sink.lines.map { Self.json($0)["total"] as? Int } == [2])
    }

    @Test func theIntervalThreadWritesWithoutAFlush() throws {
        let sink = InMemorySink()
        let factory = PerfLogMetricsFactory(sink: sink, interval: .milliseconds(20))
        Counter(label: "ticks", factory: factory).increment(by: 3)
        var waited = 0
        while sink.lines.isEmpty && waited < 5000 {
            usleep(1000)
            waited += 1
        }
        factory.close()
        let o = Self.json(try #require(sink.lines.first))
        #expect(o["delta"] as? Int == 3)
        #expect((o["interval_ms"] as? Double ?? 0) > 0)
    }

    @Test func destroyingASeriesWritesWhatItHolds() {
        let sink = InMemorySink()
        let factory = Self.manual(sink)
        let c = factory.makeCounter(label: "c", dimensions: [])
        c.increment(by: 5)
        factory.destroyCounter(c)
        #expect(sink.lines.map { Self.json($0)["delta"] as? Int } == [5])
        #expect(factory.cachedHandlerCount == 0)
    }

    @Test func hostileLabelsAndHugeDimensionsStayOneValidLine() {
        let sink = InMemorySink()
        let factory = Self.manual(sink)
        let huge = String(repeating: "x", count: 100_000)
        Counter(label: "bad\u{1B}[2J\nlabel", dimensions: [("big", huge)], factory: factory).increment()
        Gauge(label: "nan", factory: factory).record(Double.nan)
        factory.flush()
        #expect(sink.lines.count == 2)
        for line in sink.lines {
            #expect(!line.dropLast().contains("\n"))
            #expect(!Self.json(line).isEmpty)
        }
        #expect(sink.lines.contains { $0.contains(#""last":null"#) })
    }

    @Test func cachesHandlersPerLabelAndDimensions() {
        let factory = Self.manual(InMemorySink())
        let a = factory.makeTimer(label: "t", dimensions: [("k", "v")])
        let b = factory.makeTimer(label: "t", dimensions: [("k", "v")])
        let c = factory.makeTimer(label: "t", dimensions: [("k", "w")])
        let d = factory.makeCounter(label: "t", dimensions: [("k", "v")])
        #expect(a === b)
        #expect(a !== c)
        #expect(factory.cachedHandlerCount == 3)
        factory.destroyTimer(a)
        #expect(factory.cachedHandlerCount == 2)
        #expect(factory.makeTimer(label: "t", dimensions: [("k", "v")]) !== a)
        _ = d
    }

    @Test func feedsPerflogThroughTheGlobalMetricsSystem() {
        let sink = InMemorySink()
        MetricsSystem.bootstrapInternal(Self.manual(sink))
        Timer(label: "global_timer").recordMilliseconds(1)
        #expect(sink.lines.map { Self.json($0)["op"] as? String } == ["global_timer"])
    }
}

extension PerfLogMetricsFactoryTests {
    /// Hummingbird's `MetricsMiddleware` per request: the active-requests meter up and down, the
    /// requests counter, the duration timer. One line per request (the timer) plus one per series
    /// per interval, where one line per counter increment and meter change made four (BENCHMARKS.md).
    @Test func aMiddlewareRequestWritesOneLineWhereFourWere() {
        let sink = InMemorySink()
        let factory = Self.manual(sink)
        let n = 10_000
        for i in 0..<n {
            let method = i % 2 == 0 ? "GET" : "POST"
            let route = i % 2 == 0 ? "/api/v1/user/profile/{id}" : "/api/v1/chat/message"
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method)], factory: factory)
            meter.increment()
            let dims = [("http.route", route), ("http.request.method", method), ("http.response.status_code", "200")]
            Counter(label: "hb.requests", dimensions: dims, factory: factory).increment()
            Timer(label: "http.server.request.duration", dimensions: dims, factory: factory).recordNanoseconds(
                12_345_678)
            meter.decrement()
        }
        factory.flush()
        #expect(sink.lines.count == n + 4)  // 2 counter and 2 meter series
        let perRequest = Double(sink.contents.count) / Double(n)
        #expect(perRequest < 230, "\(perRequest) bytes per request")
    }
}
