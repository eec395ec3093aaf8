// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Synchronization
    import Tracing

    /// A span of ``PerfLogTracer``: attributes, status and errors are kept in memory until `end()`,
    /// which writes the span as one `perf` event. Ending twice writes once (the second call is
    /// counted); a span released without `end()` writes nothing and is counted.
    public final class PerfLogSpan: Span {
        /// The context of the work this span covers (its ``PerfLogSpanContext`` inside).
        public let context: InstrumentationContext
        let spanContext: PerfLogSpanContext
        let kind: SpanKind
        let startNanoseconds: UInt64
        let tracer: PerfLogTracer

        struct State {
            var operationName: String
            var attributes: SpanAttributes = [:]
            var status: SpanStatus?
            var error: (any Error)?
            var ended = false
        }
        private let state: Mutex<State>

        init(
            operationName: String, context: InstrumentationContext, spanContext: PerfLogSpanContext, kind: SpanKind,
            startNanoseconds: UInt64, tracer: PerfLogTracer
        ) {
            self.context = context
            self.spanContext = spanContext
            self.kind = kind
            self.startNanoseconds = startNanoseconds
            self.tracer = tracer
            state = Mutex(State(operationName: operationName))
        }

        deinit {
            if !state.withLock({ $0.ended }) {
                tracer.counters.neverEnded.add(1, ordering: .relaxed)
            }
        }

        /// The operation name; frameworks set it once the route is known.
        public var operationName: String {
            get { state.withLock { $0.operationName } }
            set { state.withLock { $0.operationName = newValue } }
        }

        /// The span's attributes.
        public var attributes: SpanAttributes {
            get { state.withLock { $0.attributes } }
            set { state.withLock { $0.attributes = newValue } }
        }

        /// True until the span ends.
        public var isRecording: Bool { !state.withLock { $0.ended } }

        /// Sets the status; `.error` makes the event's outcome `"error"`.
        public func setStatus(_ status: SpanStatus) {
            state.withLock { $0.status = status }
        }

        /// Span events are not written (a `perf` event has no place for them).
        public func addEvent(_ event: SpanEvent) {}

        /// Records an error: the first one is the event's `error` (see ``SpanMapping``).
        public func recordError<Instant: TracerInstant>(
            _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
        ) {
            state.withLock { s in
                if s.error == nil { s.error = error }
            }
        }

        /// Links are not written.
        public func addLink(_ link: SpanLink) {}

        /// Ends the span at `instant` and writes its `perf` event; a second call is counted and ignored.
        public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
            let end = instant().nanosecondsSinceEpoch
            // The fields as a tuple, not a `FinishedSpan?`: an optional returned from the lock is
            // copied and destroyed twice more (BENCHMARKS.md, per-span cost).
            let (first, operationName, attributes, status, error) = state.withLock { s in
                guard !s.ended else { return (false, "", SpanAttributes([:]), SpanStatus?.none, (any Error)?.none) }
                s.ended = true
                return (true, s.operationName, s.attributes, s.status, s.error)
            }
            guard first else {
                tracer.counters.endedTwice.add(1, ordering: .relaxed)
                return
            }
            tracer.write(
                FinishedSpan(
                    operationName: operationName, kind: kind, context: spanContext, attributes: attributes,
                    status: status, error: error, startNanoseconds: startNanoseconds, endNanoseconds: end))
        }
    }
#endif
