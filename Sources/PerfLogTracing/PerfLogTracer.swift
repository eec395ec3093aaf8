// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Instrumentation
    import Logging
    import PerfLog
    import Tracing

    /// A swift-distributed-tracing backend that writes every ended span as one `perf` event through
    /// perflog's encoder and sink (see ``SpanMapping`` for the op, status and outcome).
    ///
    /// Each event carries `meta.trace_id`, `meta.span_id` and, below the root, `meta.parent_span_id`
    /// (W3C hex); `ts` is the span's end and `duration_ms` comes from its own start and end instants.
    /// Ids cross services in the W3C `traceparent` header (``inject(_:into:using:)``,
    /// ``extract(_:into:using:)``). `perflog trace TRACE_ID PATHS…` prints one trace's span tree.
    ///
    /// ```swift
    /// let writer = try RotatingFileWriter(configuration: .init(directory: "logs", name: "app"))
    /// LoggingSystem.bootstrapPerfLog(sink: writer, metadataProvider: .perfLogTrace)
    /// InstrumentationSystem.bootstrap(PerfLogTracer(sink: writer))
    /// ```
    public struct PerfLogTracer: Tracer {
        /// The span this tracer starts: one `perf` event when it ends.
        public typealias Span = PerfLogSpan

        /// An app's own op for a span; `nil` keeps ``SpanMapping/operation(for:)``'s.
        public typealias OperationNaming = @Sendable (FinishedSpan) -> String?

        /// Writes the events (label, sink, slow-query policy, error rendering).
        public var performanceLogger: PerformanceLogger { storage.performanceLogger }
        /// The app's naming, consulted before the default mapping.
        public var operationNaming: OperationNaming? { storage.operationNaming }
        /// Everything the tracer holds, behind one reference: swift-distributed-tracing keeps the
        /// bootstrapped tracer in an existential and copies it out for every span it starts (and
        /// every span keeps its tracer), so a one-word tracer is copied with one retain and stored
        /// inline, where a struct of several references was boxed and copied field by field
        /// (BENCHMARKS.md, per-span cost).
        let storage: Storage

        final class Storage: Sendable {
            let performanceLogger: PerformanceLogger
            let operationNaming: OperationNaming?
            let counters = TracerCounters()
            /// The ops of HTTP spans, reused per method and route (or host).
            let operations = HTTPOperationCache()
            let ids: SpanIDGenerator
            /// Whether the ids are written straight into `meta` (the logger has no metadata, provider
            /// or redaction of its own to apply to them), else through a metadata dictionary.
            let writesIDsDirectly: Bool

            init(performanceLogger: PerformanceLogger, operationNaming: OperationNaming?, ids: SpanIDGenerator) {
                self.performanceLogger = performanceLogger
                self.operationNaming = operationNaming
                self.ids = ids
                writesIDsDirectly =
                    performanceLogger.writesMetaMembersDirectly
                    && !TraceIDMembers.keys.contains(where: performanceLogger.redaction.matches)
            }
        }

        var counters: TracerCounters { storage.counters }

        /// Creates a tracer writing to `sink`.
        ///
        /// - Parameters:
        ///   - sink: where events go (the app's `RotatingFileWriter`, usually shared with logging).
        ///   - label: the `logger` field of the events (default `"tracing"`).
        ///   - slowQueries: when a db span writes a `slow_query` record (default threshold 100 ms).
        ///   - errorRendering: how a recorded error is written in `error` (default: its type name).
        ///   - operationNaming: the app's op for a span, `nil` to keep the default.
        public init(
            sink: any LineSink, label: String = "tracing", slowQueries: SlowQueryPolicy = SlowQueryPolicy(),
            errorRendering: ErrorRendering = .typeName, operationNaming: OperationNaming? = nil
        ) {
            self.init(
                performanceLogger: PerformanceLogger(
                    label: label, sink: sink, slowQueries: slowQueries, errorRendering: errorRendering),
                operationNaming: operationNaming)
        }

        /// Creates a tracer writing through an existing performance logger.
        public init(performanceLogger: PerformanceLogger, operationNaming: OperationNaming? = nil) {
            self.init(performanceLogger: performanceLogger, operationNaming: operationNaming, ids: SpanIDGenerator())
        }

        init(performanceLogger: PerformanceLogger, operationNaming: OperationNaming?, ids: SpanIDGenerator) {
            storage = Storage(performanceLogger: performanceLogger, operationNaming: operationNaming, ids: ids)
        }

        /// The counters of spans started, written, ended twice, never ended and oddly typed.
        public func statistics() -> TracerStatistics { counters.snapshot }

        /// Starts a span: a child of the context's perflog span (local or extracted from
        /// `traceparent`), else the root of a new trace.
        public func startSpan<Instant: TracerInstant>(
            _ operationName: String,
            context: @autoclosure () -> InstrumentationContext,
            ofKind kind: SpanKind,
            at instant: @autoclosure () -> Instant,
            function: String,
            file fileID: String,
            line: UInt
        ) -> PerfLogSpan {
            var context = context()
            let ids = storage.ids
            let spanContext: PerfLogSpanContext
            if let parent = context.perfLogSpanContext {
                spanContext = PerfLogSpanContext(
                    traceID: parent.traceID, spanID: ids.nextSpanID(), parentSpanID: parent.spanID,
                    traceFlags: parent.traceFlags)
            } else {
                spanContext = PerfLogSpanContext(traceID: ids.nextTraceID(), spanID: ids.nextSpanID())
            }
            context.perfLogSpanContext = spanContext
            counters.started.add(1, ordering: .relaxed)
            return PerfLogSpan(
                operationName: operationName, context: context, spanContext: spanContext, kind: kind,
                startNanoseconds: instant().nanosecondsSinceEpoch, tracer: self)
        }

        /// Flushes the sink.
        public func forceFlush() {
            performanceLogger.sink?.flush()
        }

        /// Writes the context's span as a `traceparent` header.
        public func inject<Carrier, Inject: Injector>(
            _ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject
        ) where Inject.Carrier == Carrier {
            guard let span = context.perfLogSpanContext else { return }
            injector.inject(TraceParent.format(span), forKey: TraceParent.headerName, into: &carrier)
        }

        /// Reads a `traceparent` header into the context (an invalid one is ignored: a new trace starts).
        public func extract<Carrier, Extract: Extractor>(
            _ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract
        ) where Extract.Carrier == Carrier {
            guard let value = extractor.extract(key: TraceParent.headerName, from: carrier),
                let remote = TraceParent.parse(value)
            else { return }
            context.perfLogSpanContext = remote
        }

        /// Writes one ended span (``SpanMapping``).
        func write(_ span: FinishedSpan) {
            let storage = storage
            let counters = storage.counters
            let facts = SpanFacts(span.attributes)
            if facts.oddlyTyped { counters.oddAttributes.add(1, ordering: .relaxed) }
            let (op, cut) =
                storage.operationNaming?(span).map(SpanMapping.bounded)
                ?? SpanMapping.boundedOperation(for: span, facts, cache: storage.operations)
            if cut { counters.operationsCut.add(1, ordering: .relaxed) }
            let status = facts.status
            let (outcome, error) = SpanMapping.outcome(
                of: span, status: status, errorRendering: storage.performanceLogger.errorRendering)
            let ts = Timestamp(microseconds: Int64(truncatingIfNeeded: span.endNanoseconds / 1000))
            let statement = facts.isDatabase ? facts.statement : nil
            func send<M: MetaMembers>(_ members: M, _ metadata: Logger.Metadata?) {
                if let statement {
                    storage.performanceLogger.recordQuery(
                        op: op, query: statement, durationMs: span.durationMs, outcome: outcome, error: error,
                        metadata: metadata, timestamp: ts, metaMembers: members)
                } else {
                    storage.performanceLogger.record(
                        op: op, durationMs: span.durationMs, outcome: outcome, error: error, status: status,
                        metadata: metadata, timestamp: ts, metaMembers: members)
                }
            }
            if storage.writesIDsDirectly {
                send(TraceIDMembers(span.context), nil)
            } else {
                var meta: Logger.Metadata = [
                    "trace_id": .string(span.context.traceID.hex), "span_id": .string(span.context.spanID.hex),
                ]
                if let parent = span.context.parentSpanID { meta["parent_span_id"] = .string(parent.hex) }
                send(NoMetaMembers(), meta)
            }
            counters.written.add(1, ordering: .relaxed)
        }
    }
#endif
