import PerfLog

extension RuleEvaluator {
    /// The base lane of a check when the caller needs nothing more than input accounting and the
    /// data span: one group, no slow-query work.
    public static let checkBase = AnalysisSpec(
        groupBy: [], slowThresholdMilliseconds: AnalysisSpec.noSlowQueries, top: 1)

    /// The lanes of a check: `base` first (its result gives the input accounting and the data
    /// span), then one lane per rule (``lanes(for:)``).
    ///
    /// ```swift
    /// let results = AnalysisEngine.run(sources: sources, lanes: RuleEvaluator.checkLanes(rules), filter: filter, options: options)
    /// let outcome = RuleEvaluator.evaluateCheck(rules, results: results)
    /// ```
    /// - Parameters:
    ///   - rules: the rules, in order.
    ///   - base: the spec of the first lane; ``checkBase`` by default.
    /// - Returns: `rules.count + 1` lanes.
    public static func checkLanes(_ rules: [SLORule], base: AnalysisSpec = checkBase) -> [AnalysisLane] {
        [AnalysisLane(spec: base)] + lanes(for: rules)
    }

    /// Evaluates `rules` from the results of ``checkLanes(_:base:)``, over the span of the base
    /// lane's input.
    ///
    /// - Parameters:
    ///   - rules: the rules given to ``checkLanes(_:base:)``.
    ///   - results: the engine's results for those lanes (the base lane first).
    /// - Returns: one result per rule, in order.
    public static func evaluateCheck(_ rules: [SLORule], results: [AnalysisResult]) -> [RuleResult] {
        evaluate(rules, laneResults: Array(results.dropFirst()), span: results.first?.input.span)
    }
}
