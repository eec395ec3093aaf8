// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Instrumentation

    /// The identity of one span, carried in the `InstrumentationContext` (service context) of the
    /// work it covers: its trace, its own id, its parent's id and the W3C trace flags.
    ///
    /// An extracted `traceparent` gives a *remote* context (the calling service's span): spans started
    /// under it join its trace with it as parent.
    public struct PerfLogSpanContext: Sendable, Hashable {
        /// The trace the span belongs to.
        public var traceID: TraceID
        /// The span's own id.
        public var spanID: SpanID
        /// The id of the span it was started under (local or remote), `nil` for a root span.
        public var parentSpanID: SpanID?
        /// The W3C trace flags (bit 0: sampled); passed on unchanged.
        public var traceFlags: UInt8
        /// Whether the context came from another process through `traceparent`.
        public var isRemote: Bool

        /// Creates a span context.
        public init(
            traceID: TraceID, spanID: SpanID, parentSpanID: SpanID? = nil, traceFlags: UInt8 = 1, isRemote: Bool = false
        ) {
            self.traceID = traceID
            self.spanID = spanID
            self.parentSpanID = parentSpanID
            self.traceFlags = traceFlags
            self.isRemote = isRemote
        }
    }

    extension InstrumentationContext {
        /// The perflog span this context belongs to, if any.
        public var perfLogSpanContext: PerfLogSpanContext? {
            get { self[PerfLogSpanContextKey.self] }
            set { self[PerfLogSpanContextKey.self] = newValue }
        }
    }

    private enum PerfLogSpanContextKey: InstrumentationContextKey {
        typealias Value = PerfLogSpanContext
        static var nameOverride: String? { "perflog-span-context" }
    }
#endif
