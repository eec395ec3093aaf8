import Metrics
import PerfLog
import Testing

@testable import CoreMetrics
@testable import PerfLogMetrics

/// `timers: .summary`: a timer's recordings become one `recorder` line per interval, in
/// milliseconds, so an app whose tracer writes its requests does not write them twice.
@Suite struct TimerSummaryTests {
    typealias T = PerfLogMetricsFactoryTests

    @Test func aSummarisedTimerWritesOneRecorderLinePerIntervalInMilliseconds() {
        let sink = InMemorySink()
        let factory = PerfLogMetricsFactory(sink: sink, interval: nil, timers: .summary)
        let dims = [
            ("http.request.method", "GET"), ("http.route", "/users/{id}"), ("http.response.status_code", "200"),
        ]
        let timer = Timer(label: "http.server.request.duration", dimensions: dims, factory: factory)
        timer.recordMilliseconds(12)
        timer.recordNanoseconds(1_500_000)
        timer.record(duration: .milliseconds(30))
        Timer(label: "plain", factory: factory).recordNanoseconds(250)
        #expect(sink.lines.isEmpty)  // nothing per recording
        factory.flush()
        #expect(
            sink.lines.map(T.stripped).sorted() == [
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"http.server.request.duration GET /users/{id}","event":"recorder","op":"http.server.request.duration GET /users/{id}","status":200,"interval_ms":0,"count":3,"sum":43.5,"min":1.5,"max":30,"last":30}"#,
                #"{"ts":"TS","level":"info","logger":"metrics","msg":"plain","event":"recorder","op":"plain","interval_ms":0,"count":1,"sum":0.00025,"min":0.00025,"max":0.00025,"last":0.00025}"#,
            ])
        factory.flush()
        #expect(sink.lines.count == 2)  // an interval without recordings writes nothing
        #expect(factory.timers == .summary)
        #expect(PerfLogMetricsFactory(sink: sink).timers == .perfEvents)
    }
}
