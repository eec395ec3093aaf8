import Hummingbird
import Logging
import Metrics
import PerfLog
import PerfLogLifecycle
import PerfLogMetrics
import PerfLogTracing
import ServiceLifecycle
import Synchronization
import Tracing

/// A Hummingbird 2 server of the seed platform's shape, wired to perflog as README.md ("In a Swift
/// server") shows. `scripts/e2e-server.sh` builds it, loads it with `h2load` and checks its logs.
///
///     HummingbirdServer --port 8080 --dir logs          perflog wired
///     HummingbirdServer --port 8080 --no-perflog        the same server, perflog's backends no-ops
@main
struct App {
    static func main() async throws {
        let options = try Options(CommandLine.arguments.dropFirst())
        if options.perflog {
            // --- README "In a Swift server": the whole wiring ---
            let writer = try RotatingFileWriter(configuration: .init(directory: options.directory, name: "server"))
            LoggingSystem.bootstrapPerfLog(sink: writer, metadataProvider: .perfLogTrace)
            // The spans are the requests' perf events: the request timer is summarised per interval.
            let metrics = PerfLogMetricsFactory(sink: writer, timers: .summary)
            MetricsSystem.bootstrap(metrics)
            InstrumentationSystem.bootstrap(
                PerfLogTracer(sink: writer, slowQueries: SlowQueryPolicy(thresholdMs: options.slowQueryMs)))
            let resources = ResourceSampler(sink: writer, interval: options.resourceInterval)
            let perflog = PerfLogService(writer: writer) {
                resources.stop()
                resources.sample()  // the last, shorter interval
                metrics.close()  // the metrics of the last interval
            }
            let app = Routes.application(options, services: [perflog])
            // SIGTERM/SIGINT: the server drains, then the sampler and metrics write their last lines
            // and the writer closes
            try await app.runService()
            // --- end of the wiring ---
        } else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            MetricsSystem.bootstrap(NOOPMetricsHandler.instance)
            InstrumentationSystem.bootstrap(NoOpTracer())
            try await Routes.application(options, services: []).runService()
        }
    }
}

/// The command line: `--port N` (default 8080), `--dir DIR` (default `logs`), `--slow-query-ms MS`
/// (default 20), `--resource-interval S` (seconds between resource samples, default 10),
/// `--no-perflog`.
struct Options {
    var port = 8080
    var directory = "logs"
    var slowQueryMs = 20.0
    var resourceInterval = Duration.seconds(10)
    var perflog = true

    struct BadArgument: Error, CustomStringConvertible {
        let description: String
    }

    init(_ arguments: ArraySlice<String>) throws {
        var args = arguments
        while let a = args.popFirst() {
            switch a {
            case "--port":
                guard let v = args.popFirst().flatMap({ Int($0) }), (1...65535).contains(v) else {
                    throw BadArgument(description: "--port needs a number from 1 to 65535")
                }
                port = v
            case "--dir":
                guard let v = args.popFirst() else { throw BadArgument(description: "--dir needs a directory") }
                directory = v
            case "--slow-query-ms":
                guard let v = args.popFirst().flatMap({ Double($0) }), v >= 0 else {
                    throw BadArgument(description: "--slow-query-ms needs a number of milliseconds")
                }
                slowQueryMs = v
            case "--resource-interval":
                guard let v = args.popFirst().flatMap({ Double($0) }), v >= 0.001, v <= 86_400 else {
                    throw BadArgument(description: "--resource-interval needs a number of seconds from 0.001 to 86400")
                }
                resourceInterval = .milliseconds(Int64((v * 1000).rounded()))
            case "--no-perflog":
                perflog = false
            default:
                throw BadArgument(description: "unknown argument \(a)")
            }
        }
    }
}
