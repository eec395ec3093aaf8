import CallgrindSupport
import Dispatch
import Instrumentation
import PerfLog
import PerfLogTracing
import Tracing

// Server spans (the attributes Hummingbird's TracingMiddleware sets) into a sink that only counts
// bytes, for instruction counts under callgrind (BENCHMARKS.md, "Per-span cost"):
//
//     swift build -c release --product SpanCallgrindDriver
//     valgrind --tool=callgrind SpanCallgrindDriver 20000         # end() only
//     valgrind --tool=callgrind SpanCallgrindDriver 20000 life    # a request's whole span
//
// Without `life`, the spans are started before the timed loop and only `end()` is in it. With
// `life`, each span is started through `InstrumentationSystem` as `TracingMiddleware` starts it
// (the bootstrapped tracer behind `any Span`), gets its attributes in two `updateAttributes` calls
// (the request's before the route runs, the route's and the response's after) and ends.

let count = CountingSink.iterations
let sink = CountingSink()
let tracer = PerfLogTracer(sink: sink)

/// TracingMiddleware's first update: the request's attributes.
@inline(__always) func setRequestAttributes(_ a: inout SpanAttributes) {
    a["http.request.method"] = "GET"
    a["url.path"] = "/api/v1/user/profile/42"
    a["url.query"] = String?.none
    a["user_agent.original"] = "h2load nghttp2/1.52.0"
    a["http.request.body.size"] = Int?.none
    a["net.sock.peer.port"] = 51_234
    a["net.sock.peer.addr"] = "127.0.0.1"
}

/// TracingMiddleware's second update: the route's and the response's attributes.
@inline(__always) func setResponseAttributes(_ a: inout SpanAttributes) {
    a["http.route"] = "/api/v1/user/profile/{id}"
    a["http.response.status_code"] = 200
    a["http.response.body.size"] = 27
}

@inline(never) func endAll(_ spans: [PerfLogSpan]) {
    for span in spans { span.end() }
}

@inline(never) func lifeOfAll(_ count: Int) {
    for _ in 0..<count {
        let span = startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server)
        span.updateAttributes(setRequestAttributes)
        span.operationName = "/api/v1/user/profile/{id}"
        span.updateAttributes(setResponseAttributes)
        span.end()
    }
}

if CommandLine.arguments.dropFirst(2).first == "life" {
    InstrumentationSystem.bootstrap(tracer)
    let start = DispatchTime.now().uptimeNanoseconds
    lifeOfAll(count)
    let elapsed = DispatchTime.now().uptimeNanoseconds - start
    print("\(count) spans started, updated and ended, \(Double(elapsed) / Double(count)) ns each, \(sink.bytes) bytes")
} else {
    var spans: [PerfLogSpan] = []
    spans.reserveCapacity(count)
    for _ in 0..<count {
        let span = tracer.startSpan("HTTP GET route not found", context: .topLevel, ofKind: .server)
        span.updateAttributes(setRequestAttributes)
        span.updateAttributes(setResponseAttributes)
        span.operationName = "/api/v1/user/profile/{id}"
        spans.append(span)
    }
    let start = DispatchTime.now().uptimeNanoseconds
    endAll(spans)
    let elapsed = DispatchTime.now().uptimeNanoseconds - start
    print("\(count) spans ended, \(Double(elapsed) / Double(count)) ns per end(), \(sink.bytes) bytes")
}
