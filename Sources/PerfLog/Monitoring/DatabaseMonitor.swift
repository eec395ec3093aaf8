/// The seed's `DatabaseMonitor`: measures queries as `perf` events named `<prefix><name>` and
/// writes a `slow_query` record, with the fingerprinted query only, when one is slow.
///
/// ```swift
/// let db = DatabaseMonitor(performance: perf)            // ops are "db.<name>"
/// let user = try await db.monitorQuery("get_user_profile", query: sql) { try await run(sql) }
/// ```
public struct DatabaseMonitor: Sendable {
    /// Where events go (its ``PerformanceLogger/slowQueries`` policy applies).
    public let performance: PerformanceLogger
    /// Prepended to each query name to form the op (default `"db."`, as in the seed).
    public let opPrefix: String

    /// Creates a monitor whose ops are `<opPrefix><name>`.
    public init(performance: PerformanceLogger, opPrefix: String = "db.") {
        self.performance = performance
        self.opPrefix = opPrefix
    }

    /// Measures a query named `name` (op `<opPrefix><name>`).
    public func monitorQuery<R, E: Error>(_ name: String, query: String, _ body: () throws(E) -> R) throws(E) -> R {
        try performance.measureQuery(opPrefix + name, query: query, metadata: nil, body)
    }

    /// Measures an asynchronous query named `name` (op `<opPrefix><name>`).
    public func monitorQuery<R, E: Error>(
        _ name: String, query: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> R
    ) async throws(E) -> R {
        try await performance.measureQuery(opPrefix + name, query: query, metadata: nil, isolation: isolation, body)
    }
}
