// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    /// The W3C Trace Context `traceparent` header: `00-<trace-id>-<parent-id>-<trace-flags>`.
    ///
    /// ```swift
    /// TraceParent.format(ctx)   // "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    /// TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?.spanID.hex
    /// // "00f067aa0ba902b7"
    /// ```
    public enum TraceParent {
        /// The header's name (lowercase, as HTTP/2 and the W3C recommendation write it).
        public static let headerName = "traceparent"

        /// The header value for a span: version `00`, its trace id, its own id, its flags.
        public static func format(_ context: PerfLogSpanContext) -> String {
            "00-" + context.traceID.hex + "-" + context.spanID.hex + "-"
                + HexDigits.format(UInt64(context.traceFlags)).suffix(2)
        }

        /// Parses a header value into a remote span context (`spanID` is the caller's span).
        ///
        /// Follows the recommendation's rules: lowercase hex only; version `ff` is invalid; version `00`
        /// has exactly 55 characters; a later version may append `-…` after the flags; an all-zero
        /// trace id or parent id is invalid. Returns `nil` for an invalid value (the request then
        /// starts a new trace).
        public static func parse(_ value: some StringProtocol) -> PerfLogSpanContext? {
            var bytes = Array(value.utf8)
            // Optional whitespace around a header value.
            while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
            while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
            guard bytes.count >= 55, bytes[2] == 0x2D, bytes[35] == 0x2D, bytes[52] == 0x2D,
                let version = HexDigits.parse(bytes[0..<2]), version != 0xFF
            else { return nil }
            if version == 0 {
                guard bytes.count == 55 else { return nil }
            } else if bytes.count > 55 && bytes[55] != 0x2D {
                return nil
            }
            guard let high = HexDigits.parse(bytes[3..<19]), let low = HexDigits.parse(bytes[19..<35]), high | low != 0,
                let parent = HexDigits.parse(bytes[36..<52]), parent != 0,
                let flags = HexDigits.parse(bytes[53..<55])
            else { return nil }
            return PerfLogSpanContext(
                traceID: TraceID(high: high, low: low), spanID: SpanID(parent), parentSpanID: nil,
                traceFlags: UInt8(flags), isRemote: true)
        }
    }
#endif
