// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Tracing

    /// A span as it ended: what the tracer maps to one `perf` event, and what an app's own
    /// ``PerfLogTracer/OperationNaming`` sees.
    public struct FinishedSpan: Sendable {
        /// The span's operation name at its end (frameworks rename spans once the route is known).
        public var operationName: String
        /// Server, client, producer, consumer or internal.
        public var kind: SpanKind
        /// The span's ids.
        public var context: PerfLogSpanContext
        /// The attributes set on the span.
        public var attributes: SpanAttributes
        /// The status set with `setStatus`, if any.
        public var status: SpanStatus?
        /// The first error recorded with `recordError`, if any.
        public var error: (any Error)?
        /// When the span started, in nanoseconds since the Unix epoch.
        public var startNanoseconds: UInt64
        /// When the span ended, in nanoseconds since the Unix epoch.
        public var endNanoseconds: UInt64

        /// Creates a finished span (the tracer makes these; tests and custom namings may too).
        public init(
            operationName: String, kind: SpanKind, context: PerfLogSpanContext, attributes: SpanAttributes = [:],
            status: SpanStatus? = nil, error: (any Error)? = nil, startNanoseconds: UInt64, endNanoseconds: UInt64
        ) {
            self.operationName = operationName
            self.kind = kind
            self.context = context
            self.attributes = attributes
            self.status = status
            self.error = error
            self.startNanoseconds = startNanoseconds
            self.endNanoseconds = endNanoseconds
        }

        /// The duration in milliseconds, from the span's own instants (0 when it ended before it
        /// started).
        public var durationMs: Double {
            endNanoseconds >= startNanoseconds ? Double(endNanoseconds - startNanoseconds) / 1_000_000 : 0
        }
    }
#endif
