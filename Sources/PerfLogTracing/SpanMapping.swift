// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import PerfLog
    import Tracing

    /// How a finished span becomes a `perf` event (README.md, "In a Swift server", has the table).
    ///
    /// | span | `op` |
    /// |---|---|
    /// | server, with `http.request.method` | `api.<METHOD> <http.route>`, or `api.<METHOD> (no route)` (``HTTPOperation``) |
    /// | client, with `http.request.method` | `http.<METHOD> <server.address>` (`net.peer.name`, else `(no host)`) |
    /// | with `db.system`, `db.system.name`, `db.query.text` or `db.statement` | `db.<operation name>` (kept when it already starts with `db.`) |
    /// | any other | its operation name |
    ///
    /// `status` is `http.response.status_code`. The outcome is `"error"` when the status is 5xx, when
    /// the span's status is `.error`, or when an error was recorded and there is no 4xx status (a 404
    /// that a framework records as a thrown error stays a success, as in `recordRequest`). `error` is
    /// the recorded error's type (see `ErrorRendering`), else `HTTP <status>`, else the status message.
    /// A db span's statement (`db.query.text`, else `db.statement`) is only written fingerprinted,
    /// in a `slow_query` record when the span reached the slow-query threshold.
    public enum SpanMapping {
        /// The longest op written, in UTF-8 bytes; a longer one is cut at a character boundary.
        public static let maxOperationBytes = 256

        /// The default op of a span (the table above).
        public static func operation(for span: FinishedSpan) -> String {
            operation(for: span, SpanFacts(span.attributes))
        }

        static func operation(for span: FinishedSpan, _ facts: SpanFacts) -> String {
            if let method = facts.method {
                switch span.kind {
                case .server:
                    return HTTPOperation.server(method: method, route: facts.route)
                case .client:
                    return HTTPOperation.client(method: method, host: facts.host)
                default:
                    break
                }
            }
            if facts.isDatabase {
                return span.operationName.hasPrefix("db.") ? span.operationName : "db." + span.operationName
            }
            return span.operationName
        }

        /// ``operation(for:)`` cut to ``maxOperationBytes`` (``bounded(_:)``), an HTTP span's op
        /// taken from `cache` when its method and route (or host) were seen before.
        static func boundedOperation(
            for span: FinishedSpan, _ facts: SpanFacts, cache: HTTPOperationCache
        ) -> (String, cut: Bool) {
            if let method = facts.method, span.kind == .server {
                return cache.server(method: method, route: facts.route)
            }
            if let method = facts.method, span.kind == .client { return cache.client(method: method, host: facts.host) }
            return bounded(operation(for: span, facts))
        }

        /// Whether a span is a database call (it has a `db.*` system or statement attribute).
        public static func isDatabase(_ span: FinishedSpan) -> Bool {
            SpanFacts(span.attributes).isDatabase
        }

        /// A db span's statement: `db.query.text`, else `db.statement` (strings only).
        public static func statement(of span: FinishedSpan) -> String? {
            SpanFacts(span.attributes).statement
        }

        /// The span's `status`: `http.response.status_code` (or `http.status_code`) when it is an
        /// integer in 100...999 (also as an integral double or decimal string).
        public static func status(of span: FinishedSpan) -> Int? {
            SpanFacts(span.attributes).status
        }

        /// The outcome and `error` field of a span (the rules above).
        public static func outcome(
            of span: FinishedSpan, status: Int?, errorRendering: ErrorRendering
        ) -> (PerfOutcome, String?) {
            let isClientError = status.map { (400...499).contains($0) } ?? false
            if let status, (500...599).contains(status) {
                return (.error, span.error.map(errorRendering.render) ?? "HTTP \(status)")
            }
            if span.status?.code == .error {
                return (.error, span.error.map(errorRendering.render) ?? span.status?.message ?? "error status")
            }
            if let error = span.error, !isClientError {
                return (.error, errorRendering.render(error))
            }
            return (.success, nil)
        }

        /// `op` cut to ``maxOperationBytes`` at a character boundary.
        static func bounded(_ op: String) -> (String, cut: Bool) {
            guard op.utf8.count > maxOperationBytes else { return (op, false) }
            let head = Array(op.utf8.prefix(maxOperationBytes + 1))
            var n = maxOperationBytes
            // Back up over continuation bytes: the cut falls before a character's first byte.
            while n > 0 && head[n] & 0xC0 == 0x80 { n -= 1 }
            return (String(decoding: head[..<n], as: UTF8.self), true)
        }
    }
#endif
