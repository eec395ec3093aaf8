// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Instrumentation
    import Logging

    extension Logger.MetadataProvider {
        /// Adds `trace_id` and `span_id` (W3C hex) of the current perflog span to every line logged
        /// inside it, so a request's plain log lines and its `perf` events share one id.
        ///
        /// ```swift
        /// LoggingSystem.bootstrapPerfLog(sink: writer, metadataProvider: .perfLogTrace)
        /// ```
        public static let perfLogTrace = Logger.MetadataProvider {
            guard let span = InstrumentationContext.current?.perfLogSpanContext else { return [:] }
            return ["trace_id": .string(span.traceID.hex), "span_id": .string(span.spanID.hex)]
        }
    }
#endif
