// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Foundation
    import PerfLog
    import Tracing

    @testable import PerfLogTracing

    /// Tracers with sequential ids and instants chosen by the test, so lines are exact.
    enum TracingTestSupport {
        /// 2023-11-14T22:13:20Z in nanoseconds since the epoch.
        static let t0: UInt64 = 1_700_000_000_000_000_000

        static func at(_ microsecondsAfterT0: UInt64) -> DefaultTracerClock.Timestamp {
            DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: t0 + microsecondsAfterT0 * 1000)
        }

        static func tracer(
            _ sink: InMemorySink, slowQueries: SlowQueryPolicy = SlowQueryPolicy(),
            naming: PerfLogTracer.OperationNaming? = nil
        ) -> PerfLogTracer {
            PerfLogTracer(
                performanceLogger: PerformanceLogger(label: "tracing", sink: sink, slowQueries: slowQueries),
                operationNaming: naming, ids: SpanIDGenerator(sequential: ()))
        }

        static func json(_ line: String) -> [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    struct ThrownHTTPError: Error {
        let status: Int
    }

    struct Carrier: Sendable {
        var headers: [String: String] = [:]
    }

    struct CarrierInjector: Injector {
        func inject(_ value: String, forKey key: String, into carrier: inout Carrier) { carrier.headers[key] = value }
    }

    struct CarrierExtractor: Extractor {
        func extract(key: String, from carrier: Carrier) -> String? { carrier.headers[key] }
    }
#endif
