import Logging

extension PerformanceLogger {
    /// Records an operation measured elsewhere as a `perf` event.
    ///
    /// - Parameters:
    ///   - op: the operation name, e.g. `"llm.respond"`.
    ///   - durationMs: its duration in milliseconds.
    ///   - outcome: `.success` or `.error`.
    ///   - error: the error's type or short description, when it failed.
    ///   - status: the HTTP status, for a request.
    ///   - metadata: metadata of this event, merged over the logger's and the provider's.
    ///   - timestamp: when the operation finished (default: now), e.g. for replayed or simulated events.
    public func record(
        op: String, durationMs: Double, outcome: PerfOutcome = .success, error: String? = nil, status: Int? = nil,
        metadata: Logger.Metadata? = nil, timestamp: Timestamp? = nil
    ) {
        emit(
            level: outcome == .success ? .info : .error, kind: .perf, op: op, durationMs: durationMs,
            outcome: outcome, error: error, status: status, query: nil, thresholdMs: nil,
            timestamp: timestamp ?? .now(), callMetadata: metadata)
    }

    /// Records an HTTP request measured by a middleware: a `perf` event with `status`; a 5xx
    /// status counts as an error (`outcome: "error"`, `error: "HTTP 503"`), a 4xx does not.
    ///
    /// - Parameters:
    ///   - op: the operation name, e.g. `"api.GET /api/v1/user/profile"`.
    ///   - durationMs: the request's duration in milliseconds.
    ///   - status: the HTTP status code.
    ///   - metadata: metadata of this event, merged over the logger's and the provider's.
    ///   - timestamp: when the request finished (default: now).
    public func recordRequest(
        op: String, durationMs: Double, status: Int, metadata: Logger.Metadata? = nil, timestamp: Timestamp? = nil
    ) {
        if status >= 500 && status <= 599 {
            record(
                op: op, durationMs: durationMs, outcome: .error, error: "HTTP \(status)", status: status,
                metadata: metadata, timestamp: timestamp)
        } else {
            record(
                op: op, durationMs: durationMs, outcome: .success, status: status, metadata: metadata,
                timestamp: timestamp)
        }
    }

    /// Records a database query measured elsewhere: a `perf` event always, and a `slow_query`
    /// record with the fingerprinted query (never the raw text) when `durationMs` reaches the
    /// threshold for `op` (``slowQueries``).
    ///
    /// - Parameters:
    ///   - op: the operation name, e.g. `"db.get_user_profile"`.
    ///   - query: the SQL text; only its fingerprint is written.
    ///   - durationMs: the query's duration in milliseconds.
    ///   - outcome: `.success` or `.error`.
    ///   - error: the error's type, when it failed.
    ///   - metadata: metadata of both events, merged over the logger's and the provider's.
    ///   - timestamp: when the query finished (default: now).
    public func recordQuery(
        op: String, query: String, durationMs: Double, outcome: PerfOutcome = .success, error: String? = nil,
        metadata: Logger.Metadata? = nil, timestamp: Timestamp? = nil
    ) {
        emitQuery(
            op: op, query: query, durationMs: durationMs, outcome: outcome, error: error,
            timestamp: timestamp ?? Timestamp.now(), callMetadata: metadata, metaMembers: NoMetaMembers())
    }

    /// Whether the `metaMembers:` variants of `record` and `recordQuery` may be used: the logger
    /// writes to a sink and has no metadata or metadata provider of its own to merge.
    package var writesMetaMembersDirectly: Bool { sinkBox != nil && metadataProvider == nil && metadata.isEmpty }

    /// ``record(op:durationMs:outcome:error:status:metadata:timestamp:)`` for a caller whose
    /// metadata may have a fixed shape (the tracer's ids): `metaMembers` writes the whole `meta`
    /// object straight into the line, so no dictionary is built; only when
    /// ``writesMetaMembersDirectly``. With ``NoMetaMembers``, `metadata` is merged as usual.
    package func record<M: MetaMembers>(
        op: String, durationMs: Double, outcome: PerfOutcome, error: String?, status: Int?,
        metadata: Logger.Metadata?, timestamp: Timestamp, metaMembers: M
    ) {
        emit(
            level: outcome == .success ? .info : .error, kind: .perf, op: op, durationMs: durationMs,
            outcome: outcome, error: error, status: status, query: nil, thresholdMs: nil, timestamp: timestamp,
            callMetadata: metadata, metaMembers: metaMembers)
    }

    /// ``recordQuery(op:query:durationMs:outcome:error:metadata:timestamp:)`` with `meta` written
    /// by `metaMembers`, as
    /// ``record(op:durationMs:outcome:error:status:metadata:timestamp:metaMembers:)``.
    package func recordQuery<M: MetaMembers>(
        op: String, query: String, durationMs: Double, outcome: PerfOutcome, error: String?,
        metadata: Logger.Metadata?, timestamp: Timestamp, metaMembers: M
    ) {
        emitQuery(
            op: op, query: query, durationMs: durationMs, outcome: outcome, error: error, timestamp: timestamp,
            callMetadata: metadata, metaMembers: metaMembers)
    }

    /// A `perf` event, and a `slow_query` record when the query reached its threshold.
    @inline(__always)
    private func emitQuery<M: MetaMembers>(
        op: String, query: String, durationMs: Double, outcome: PerfOutcome, error: String?, timestamp: Timestamp,
        callMetadata: Logger.Metadata?, metaMembers: M
    ) {
        let level: PerfLevel = outcome == .success ? .info : .error
        emit(
            level: level, kind: .perf, op: op, durationMs: durationMs, outcome: outcome, error: error,
            status: nil, query: nil, thresholdMs: nil, timestamp: timestamp, callMetadata: callMetadata,
            metaMembers: metaMembers)
        let threshold = slowQueries.threshold(for: op)
        if durationMs >= threshold {
            emit(
                level: .warning, kind: .slowQuery, op: op, durationMs: durationMs, outcome: outcome, error: error,
                status: nil, query: slowQueries.fingerprint.fingerprint(query), thresholdMs: threshold,
                timestamp: timestamp, callMetadata: callMetadata, metaMembers: metaMembers)
        }
    }

    enum Kind {
        case perf, slowQuery
    }

    /// Encodes and writes one event (inlined into each `record…` call, where its many arguments
    /// are mostly constants, which a call would pass at a cost: BENCHMARKS.md).
    @inline(__always)
    func emit<M: MetaMembers>(
        level: PerfLevel, kind: Kind, op: String, durationMs: Double, outcome: PerfOutcome, error: String?,
        status: Int?, query: String?, thresholdMs: Double?, timestamp: Timestamp, callMetadata: Logger.Metadata? = nil,
        metaMembers: M = NoMetaMembers()
    ) {
        guard level >= logLevel else { return }
        // Through the boxed sink: `guard let sink` would copy the optional existential through its
        // value witnesses and retain it (BENCHMARKS.md). The box itself is
        // read in place, at the end, not bound here: a binding retains and releases it, two atomic
        // operations per event.
        guard sinkBox != nil else {
            emitThroughLogger(
                level: level, kind: kind, op: op, durationMs: durationMs, outcome: outcome, error: error,
                status: status, query: query, thresholdMs: thresholdMs, callMetadata: callMetadata)
            return
        }
        LineEncoder.withStackBuffer { e in
            e.appendStatic("{\"ts\":")
            e.appendTimestamp(timestamp)
            e.appendStatic(",\"level\":\"")
            e.appendLevelName(level)
            e.appendStatic("\",\"logger\":")
            encodedLabel.withUnsafeBytes { e.appendRaw($0) }
            e.appendStatic(",\"msg\":\"")
            switch kind {
            case .perf:
                // The op is escaped once, for the message, and copied for the op field.
                let opStart = e.byteCount
                @inline(__always) func escapeThenCopy(_ source: UnsafeRawBufferPointer) {
                    e.appendEscaped(source)
                    let escapedCount = e.byteCount &- opStart
                    e.appendStatic(
                        outcome == .success
                            ? " done\",\"event\":\"perf\",\"op\":\"" : " failed\",\"event\":\"perf\",\"op\":\"")
                    // Nothing escaped (a String is valid UTF-8, so every escape lengthens it): copy
                    // from the source, not from the bytes just written (reading those back stalls
                    // on store forwarding).
                    if escapedCount == source.count {
                        e.appendRaw(source)
                    } else {
                        e.appendCopy(from: opStart, to: opStart &+ escapedCount)
                    }
                }
                if op.utf8.withContiguousStorageIfAvailable({ escapeThenCopy(UnsafeRawBufferPointer($0)) }) == nil {
                    var contiguous = op
                    contiguous.makeContiguousUTF8()
                    contiguous.withUTF8 { escapeThenCopy(UnsafeRawBufferPointer($0)) }
                }
                e.appendByte(0x22)
            case .slowQuery:
                e.appendStatic("slow query\",\"event\":\"slow_query\",\"op\":")
                e.appendString(op)
            }
            e.appendStatic(",\"duration_ms\":")
            e.appendMilliseconds(durationMs)
            e.appendStatic(outcome == .success ? ",\"outcome\":\"success\"" : ",\"outcome\":\"error\"")
            if let error {
                e.appendStatic(",\"error\":")
                e.appendString(error)
            }
            if let status {
                e.appendStatic(",\"status\":")
                e.appendInt(Int64(status))
            }
            if let query {
                e.appendStatic(",\"query\":")
                e.appendString(query)
            }
            if let thresholdMs {
                e.appendStatic(",\"threshold_ms\":")
                e.appendMilliseconds(thresholdMs)
            }
            let hasCallMetadata = callMetadata.map { !$0.isEmpty } ?? false
            // A type comparison, not an optional: `M?` would look its metadata up at run time on
            // every call from another module, where `record` is not specialised.
            if M.self != NoMetaMembers.self {
                e.appendStatic(",\"meta\":")
                metaMembers.append(to: &e)
            } else if metadataProvider != nil || hasCallMetadata {
                let provided = metadataProvider?.get() ?? [:]
                let callSite = callMetadata ?? [:]
                if !(metadata.isEmpty && provided.isEmpty && callSite.isEmpty) {
                    e.appendStatic(",\"meta\":")
                    e.appendMetadata(merging: metadata, provided, callSite, redaction: redaction)
                }
            } else if !encodedMetadata.isEmpty {
                encodedMetadata.withUnsafeBytes { e.appendRaw($0) }
            }
            e.appendStatic("}\n")
            // `self` keeps the box alive for the whole call, so it is used unretained.
            let box = Unmanaged.passUnretained(self.sinkBox.unsafelyUnwrapped)
            e.withBytes { line in box._withUnsafeGuaranteedRef { $0.write(line: line) } }
        }
    }

    private func emitThroughLogger(
        level: PerfLevel, kind: Kind, op: String, durationMs: Double, outcome: PerfOutcome, error: String?,
        status: Int?, query: String?, thresholdMs: Double?, callMetadata: Logger.Metadata?
    ) {
        guard let logger = fallback else { return }
        var md: Logger.Metadata = callMetadata ?? [:]
        md.merge([
            "event": .string(kind == .perf ? PerfEvent.perfKind : PerfEvent.slowQueryKind),
            "op": .string(op),
            "duration_ms": .string(PerformanceLogger.millisecondsText(durationMs)),
            "outcome": .string(outcome.rawValue),
        ]) { _, field in field }
        if let error { md["error"] = .string(error) }
        if let status { md["status"] = .string(String(status)) }
        if let query { md["query"] = .string(query) }
        if let thresholdMs { md["threshold_ms"] = .string(PerformanceLogger.millisecondsText(thresholdMs)) }
        let message: Logger.Message =
            kind == .slowQuery ? "slow query" : "\(op) \(outcome == .success ? "done" : "failed")"
        logger.log(level: level.loggerLevel, message, metadata: md)
    }

    /// A duration as format v1 writes it (`12.345`, `100.0`, `null`).
    static func millisecondsText(_ ms: Double) -> String {
        var e = LineEncoder(capacity: 64)
        e.appendMilliseconds(ms)
        return String(decoding: e.bytes, as: UTF8.self)
    }
}
