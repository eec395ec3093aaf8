import CallgrindSupport
import Dispatch
import Logging
import PerfLog
import PerfLogTracing
import Tracing

// Logs N request lines the way Hummingbird 2 does inside a traced request, into a sink that only
// counts bytes, for instruction counts under callgrind (BENCHMARKS.md, "Per-request log line"):
// the request's logger gets its `hb.request.id`, then `LogRequestsMiddleware` logs one line with
// the method and path, and the `.perfLogTrace` provider adds the span's ids.
//
//     swift build -c release --product LogCallgrindDriver
//     valgrind --tool=callgrind LogCallgrindDriver 20000

let count = CountingSink.iterations
let sink = CountingSink()
let tracer = PerfLogTracer(sink: sink)
let base = Logger(label: "hummingbird") { label in
    PerfLogHandler(label: label, sink: sink, metadataProvider: .perfLogTrace)
}
let ids = (0..<count).map { Logger.MetadataValue.string(String($0 &* 2_654_435_761 % 1_000_000_007, radix: 16)) }
let span = tracer.startSpan("GET /api/v1/health", context: .topLevel, ofKind: .server)

@inline(never) func logAll(_ base: Logger, _ ids: [Logger.MetadataValue]) {
    for id in ids {
        var logger = base
        logger[metadataKey: "hb.request.id"] = id
        logger.info("Request", metadata: ["hb.request.method": "GET", "hb.request.path": "/api/v1/health"])
    }
}

let start = DispatchTime.now().uptimeNanoseconds
ServiceContext.withValue(span.context) { logAll(base, ids) }
let elapsed = DispatchTime.now().uptimeNanoseconds - start
span.end()
print("\(count) lines, \(Double(elapsed) / Double(count)) ns per request's line, \(sink.bytes) bytes")
