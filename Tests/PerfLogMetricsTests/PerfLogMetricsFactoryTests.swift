@testable import CoreMetrics
import Foundation
import Metrics
import PerfLog
import Testing
@testable import PerfLogMetrics

@Suite struct PerfLogMetricsFactoryTests {
    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    /// The line without its timestamp.
    static func stripped(_ line: String) -> String {
        var b = Array(line.utf8)
        b.replaceSubrange(7..<34, with: Array("TS".utf8))
        return String(decoding: b, as: UTF8.self)
    }

    @Test func timersRecordPerfEventsNamedByLabelAndDimensions() {
        let sink = InMemorySink()
        let factory = PerfLogMetricsFactory(sink: sink)
        let timer = Timer(label: "http_request", dimensions: [("route", "/user"), ("method", "GET")], factory: factory)
        timer.recordMilliseconds(12)
        timer.recordNanoseconds(1_500)
        Timer(label: "plain", factory: factory).record(duration: .milliseconds(250))
        #expect(sink.lines.map(Self.stripped) == [
            #"{"ts":"TS","level":"info","logger":"metrics","msg":"http_request{route=/user,method=GET} done","event":"perf","op":"http_request{route=/user,method=GET}","duration_ms":12.0,"outcome":"success","meta":{"method":"GET","route":"/user"}}"#,
            #"{"ts":"TS","level":"info","logger":"metrics","msg":"http_request{route=/user,method=GET} done","event":"perf","op":"http_request{route=/user,method=GET}","duration_ms":0.002,"outcome":"success","meta":{"method":"GET","route":"/user"}}"#,
            #"{"ts":"TS","level":"info","logger":"metrics","msg":"plain done","event":"perf","op":"plain","duration_ms":250.0,"outcome":"success"}"#,
        ])
    }

    @Test func timersWithAStatusDimensionWriteStatusAndCount5xxAsErrors() {
        let sink = InMemorySink()
        let factory = PerfLogMetricsFactory(sink: sink, label: "hb")
        Timer(label: "req", dimensions: [("http.response.status_code", "503")], factory: factory).recordMilliseconds(3)
        Timer(label: "req", dimensions: [("status", "404")], factory: factory).recordMilliseconds(4)
        let objs = sink.lines.map(Self.json)
        #expect(objs.map { $0["status"] as? Int } == [503, 404])
        #expect(objs.map { $0["outcome"] as? String } == ["error", "success"])
        #expect(objs.map { $0["error"] as? String } == ["HTTP 503", nil])
        #expect(objs.map { $0["logger"] as? String } == ["hb", "hb"])
    }

    @Test func countersRecordersGaugesAndMetersBecomeEvents() {
        let sink = InMemorySink()
        let factory = PerfLogMetricsFactory(sink: sink)
        let counter = Counter(label: "requests", dimensions: [("route", "/a")], factory: factory)
        counter.increment()
        counter.increment(by: 4)
        counter.reset()
        counter.increment(by: 2)
        Recorder(label: "payload_bytes", factory: factory).record(512)
        Gauge(label: "sessions", factory: factory).record(7.5)
        let meter = Meter(label: "queue", factory: factory)
        meter.set(3)
        meter.increment(by: 2)
        meter.decrement(by: 1)
        let objs = sink.lines.map(Self.json)
        #expect(objs.map { $0["event"] as? String } == [
            "counter", "counter", "counter", "recorder", "gauge", "meter", "meter", "meter",
        ])
        #expect(objs.map { $0["op"] as? String } == [
            "requests{route=/a}", "requests{route=/a}", "requests{route=/a}", "payload_bytes", "sessions", "queue",
            "queue", "queue",
        ])
        let metas = objs.map { $0["meta"] as? [String: String] ?? [:] }
        #expect(metas[0] == ["route": "/a", "value": "1", "total": "1"])
        #expect(metas[1] == ["route": "/a", "value": "4", "total": "5"])
        #expect(metas[2] == ["route": "/a", "value": "2", "total": "2"])
        #expect(metas[3] == ["value": "512"])
        #expect(metas[4] == ["value": "7.5"])
        #expect(metas[5...].map { $0["value"] } == ["3.0", "5.0", "4.0"])
        #expect(objs.allSatisfy { $0["duration_ms"] == nil })
    }

    @Test func cachesHandlersPerLabelAndDimensions() {
        let factory = PerfLogMetricsFactory(sink: InMemorySink())
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
        MetricsSystem.bootstrapInternal(PerfLogMetricsFactory(sink: sink))
        Timer(label: "global_timer").recordMilliseconds(1)
        #expect(sink.lines.map { Self.json($0)["op"] as? String } == ["global_timer"])
    }

    @Test func namesOperationsByLabelAndDimensionsInOrder() {
        #expect(PerfLogMetricsFactory.operationName(label: "x", dimensions: []) == "x")
        #expect(PerfLogMetricsFactory.operationName(label: "x", dimensions: [("b", "2"), ("a", "1")]) == "x{b=2,a=1}")
    }
}
