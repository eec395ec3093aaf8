import Benchmark
import Foundation
import PerfLog
import PerfLogTracing
import Tracing

/// The tracing backend's per-span cost: from `end()` to the line in the writer's queue (goal ≤ 1 µs),
/// for a server span as Hummingbird's `TracingMiddleware` leaves it, and a whole span's life, bare
/// and with those attributes.
func tracingBenchmarks() {
    Benchmark("span_end_into_RotatingFileWriter") { benchmark in
        let dir = temporaryLogDirectory()
        var config = RotatingFileWriter.Configuration(directory: dir, name: "bench")
        config.rotation = .init(maxBytes: 64 << 20)
        let writer = try! RotatingFileWriter(configuration: config)
        let tracer = PerfLogTracer(sink: writer)
        // Spans are started and given their attributes outside the measurement: only end() is timed.
        let spans = benchmark.scaledIterations.map { _ in serverSpan(tracer) }
        benchmark.startMeasurement()
        for span in spans { span.end() }
        benchmark.stopMeasurement()
        writer.close()
        try? FileManager.default.removeItem(atPath: dir)
    }

    Benchmark("span_start_end_null_sink") { benchmark in
        let tracer = PerfLogTracer(sink: NullSink())
        for _ in benchmark.scaledIterations {
            tracer.startSpan("render", context: .topLevel, ofKind: .internal).end()
        }
    }

    Benchmark("span_start_attributes_end_null_sink") { benchmark in
        let tracer = PerfLogTracer(sink: NullSink())
        for _ in benchmark.scaledIterations {
            serverSpan(tracer).end()
        }
    }
}

/// A server span with the attributes `TracingMiddleware` sets on a matched request.
func serverSpan(_ tracer: PerfLogTracer) -> PerfLogSpan {
    let span = tracer.startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server)
    span.updateAttributes { a in
        a["http.request.method"] = "GET"
        a["url.path"] = "/api/v1/user/profile/42"
        a["user_agent.original"] = "ApacheBench/2.3"
        a["http.route"] = "/api/v1/user/profile/{id}"
        a["http.response.status_code"] = 200
    }
    span.operationName = "/api/v1/user/profile/{id}"
    return span
}
