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
        let tracer: PerfLogTracer

        /// The span as it will end (its kind, ids and start, and the operation name, attributes,
        /// status and error set so far), kept whole: `end()` copies it out of the lock once
        /// (BENCHMARKS.md, per-span cost).
        struct State {
            var span: FinishedSpan
            var ended = false
        }
        private let state: Mutex<State>
        /// Room for the attributes an HTTP server span gets from Hummingbird's `TracingMiddleware`
        /// (request, peer, route and response: 8 to 10).
        static let attributeCapacity = 12

        init(
            operationName: String, context: InstrumentationContext, spanContext: PerfLogSpanContext, kind: SpanKind,
            startNanoseconds: UInt64, tracer: PerfLogTracer
        ) {
            self.context = context
            self.tracer = tracer
            state = Mutex(
                State(
                    span: FinishedSpan(
                        operationName: operationName, kind: kind, context: spanContext,
                        startNanoseconds: startNanoseconds, endNanoseconds: startNanoseconds)))
        }

        deinit {
            if !state.withLock({ $0.ended }) {
                tracer.counters.neverEnded.add(1, ordering: .relaxed)
            }
        }

        /// The operation name; frameworks set it once the route is known.
        public var operationName: String {
            get { state.withLock { $0.span.operationName } }
            set { state.withLock { $0.span.operationName = newValue } }
        }

        /// The span's attributes.
        ///
        /// Read while the span has none (as `updateAttributes` does first), they come with room for
        /// ``attributeCapacity`` attributes, owned by the caller alone: a framework's first batch of
        /// attributes is inserted without the dictionary growing (and rehashing) four times.
        public var attributes: SpanAttributes {
            get {
                var attributes = state.withLock { $0.span.attributes }
                if attributes.isEmpty { attributes.reserveCapacity(Self.attributeCapacity) }
                return attributes
            }
            set { state.withLock { $0.span.attributes = newValue } }
        }

        /// True until the span ends.
        public var isRecording: Bool { !state.withLock { $0.ended } }

        /// Sets the status; `.error` makes the event's outcome `"error"`.
        public func setStatus(_ status: SpanStatus) {
            state.withLock { $0.span.status = status }
        }

        /// Span events are not written (a `perf` event has no place for them).
        public func addEvent(_ event: SpanEvent) {}

        /// Records an error: the first one is the event's `error` (see ``SpanMapping``).
        public func recordError<Instant: TracerInstant>(
            _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
        ) {
            state.withLock { s in
                if s.span.error == nil { s.span.error = error }
            }
        }

        /// Links are not written.
        public func addLink(_ link: SpanLink) {}

        /// Ends the span at `instant` and writes its `perf` event; a second call is counted and ignored.
        public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
            let end = instant().nanosecondsSinceEpoch
            let (first, finished) = state.withLock { s in
                guard !s.ended else { return (false, s.span) }
                s.ended = true
                s.span.endNanoseconds = end
                return (true, s.span)
            }
            guard first else {
                tracer.counters.endedTwice.add(1, ordering: .relaxed)
                return
            }
            tracer.write(finished)
        }
    }
#endif
