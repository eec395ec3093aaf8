// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    @_spi(Internals) import PerfLog

    /// A span's ids as its event's `meta` object, written straight into the line:
    /// `{"parent_span_id":"…","span_id":"…","trace_id":"…"}`, the bytes the encoder writes for
    /// the same keys in a metadata dictionary, without building one (BENCHMARKS.md, per-span cost).
    struct TraceIDMembers: MetaMembers {
        /// The keys, sorted as the encoder sorts metadata keys.
        static let keys = ["parent_span_id", "span_id", "trace_id"]

        let ids: PerfLogSpanContext

        init(_ ids: PerfLogSpanContext) { self.ids = ids }

        func append(to e: inout LineEncoder) {
            e.appendByte(0x7B)
            if let parent = ids.parentSpanID {
                e.appendStatic("\"parent_span_id\":\"")
                HexDigits.append(parent.value, to: &e)
                e.appendStatic("\",")
            }
            e.appendStatic("\"span_id\":\"")
            HexDigits.append(ids.spanID.value, to: &e)
            e.appendStatic("\",\"trace_id\":\"")
            HexDigits.append(ids.traceID.high, to: &e)
            HexDigits.append(ids.traceID.low, to: &e)
            e.appendStatic("\"}")
        }
    }
#endif
