import CallgrindSupport
import Dispatch
import PerfLog
import PerfLogTracing
import Tracing

// Ends N server spans (the attributes Hummingbird's TracingMiddleware sets) into a sink that only
// counts bytes, for instruction counts under callgrind (BENCHMARKS.md, "Per-span cost"):
//
//     swift build -c release --product SpanCallgrindDriver
//     valgrind --tool=callgrind SpanCallgrindDriver 20000
//
// The spans are started before the timed loop; only `end()` is in it.

let count = CountingSink.iterations
let sink = CountingSink()
let tracer = PerfLogTracer(sink: sink)
var spans: [PerfLogSpan] = []
spans.reserveCapacity(count)
for _ in 0..<count {
    let span = tracer.startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server)
    span.updateAttributes { a in
        a["http.request.method"] = "GET"
        a["url.path"] = "/api/v1/user/profile/42"
        a["user_agent.original"] = "h2load nghttp2/1.52.0"
        a["http.route"] = "/api/v1/user/profile/{id}"
        a["http.response.status_code"] = 200
    }
    span.operationName = "/api/v1/user/profile/{id}"
    spans.append(span)
}

@inline(never) func endAll(_ spans: [PerfLogSpan]) {
    for span in spans { span.end() }
}

let start = DispatchTime.now().uptimeNanoseconds
endAll(spans)
let elapsed = DispatchTime.now().uptimeNanoseconds - start
print("\(count) spans ended, \(Double(elapsed) / Double(count)) ns per end(), \(sink.bytes) bytes")
