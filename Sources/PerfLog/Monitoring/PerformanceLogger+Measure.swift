import Logging

extension PerformanceLogger {
    /// Measures `body` with the monotonic clock and writes one `perf` event for `op`.
    ///
    /// A thrown error is recorded (`outcome: "error"`, `error`: its type name, see
    /// ``errorRendering``) and rethrown unchanged.
    ///
    /// ```swift
    /// let profile = try perf.measure("db.get_user_profile") { try db.profile(userID) }
    /// ```
    ///
    /// - Parameters:
    ///   - op: the operation name.
    ///   - metadata: metadata of this event, merged over the logger's and the provider's.
    ///   - body: the work to measure.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    @inlinable
    public func measure<R, E: Error>(
        _ op: String, metadata: Logger.Metadata? = nil, _ body: () throws(E) -> R
    ) throws(E) -> R {
        try measured(op, query: nil, metadata: metadata, body)
    }

    /// Measures the asynchronous `body` (see the synchronous ``measure(_:_:)``).
    ///
    /// ```swift
    /// let answer = try await perf.measure("llm.respond") { try await llm.respond(prompt) }
    /// ```
    @inlinable
    public func measure<R, E: Error>(
        _ op: String,
        metadata: Logger.Metadata? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws(E) -> R
    ) async throws(E) -> R {
        try await measured(op, query: nil, metadata: metadata, isolation: isolation, body)
    }

    /// Measures a database query: a `perf` event always, plus a `slow_query` record with the
    /// fingerprinted query when the duration reaches the threshold (see ``recordQuery(op:query:durationMs:outcome:error:)``).
    ///
    /// ```swift
    /// let rows = try perf.measureQuery("db.list_history", query: sql) { try db.run(sql) }
    /// ```
    @inlinable
    public func measureQuery<R, E: Error>(
        _ op: String, query: String, metadata: Logger.Metadata? = nil, _ body: () throws(E) -> R
    ) throws(E) -> R {
        try measured(op, query: query, metadata: metadata, body)
    }

    /// Measures an asynchronous database query (see the synchronous ``measureQuery(_:query:_:)``).
    @inlinable
    public func measureQuery<R, E: Error>(
        _ op: String,
        query: String,
        metadata: Logger.Metadata? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws(E) -> R
    ) async throws(E) -> R {
        try await measured(op, query: query, metadata: metadata, isolation: isolation, body)
    }

    /// The core of `measure` and `measureQuery`: times `body` and records it, as a query when
    /// `query` is not nil.
    @inlinable
    func measured<R, E: Error>(
        _ op: String, query: String?, metadata: Logger.Metadata?, _ body: () throws(E) -> R
    ) throws(E) -> R {
        let start = MonotonicClock.nanoseconds()
        do {
            let result = try body()
            finish(op, query: query, start: start, error: nil, metadata: metadata)
            return result
        } catch {
            finish(op, query: query, start: start, error: error, metadata: metadata)
            throw error
        }
    }

    /// The asynchronous twin of ``measured(_:query:metadata:_:)`` (an `await` apart, the same).
    @inlinable
    func measured<R, E: Error>(
        _ op: String, query: String?, metadata: Logger.Metadata?,
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> R
    ) async throws(E) -> R {
        let start = MonotonicClock.nanoseconds()
        do {
            let result = try await body()
            finish(op, query: query, start: start, error: nil, metadata: metadata)
            return result
        } catch {
            finish(op, query: query, start: start, error: error, metadata: metadata)
            throw error
        }
    }

    /// Records one measured operation that started at `start` (monotonic nanoseconds): a `perf`
    /// event, and with `query` a `slow_query` record when it was slow.
    @usableFromInline
    func finish(_ op: String, query: String?, start: Int64, error: (any Error)?, metadata: Logger.Metadata?) {
        let ms = Double(MonotonicClock.nanoseconds() &- start) / 1_000_000
        let rendered = error.map { errorRendering.render($0) }
        if let query {
            if let rendered {
                recordQuery(
                    op: op, query: query, durationMs: ms, outcome: .error, error: rendered, metadata: metadata)
            } else {
                recordQuery(op: op, query: query, durationMs: ms, metadata: metadata)
            }
        } else if let rendered {
            record(op: op, durationMs: ms, outcome: .error, error: rendered, metadata: metadata)
        } else {
            emit(
                level: .info, kind: .perf, op: op, durationMs: ms, outcome: .success, error: nil, status: nil,
                query: nil, thresholdMs: nil, timestamp: .now(), callMetadata: metadata)
        }
    }
}
