/// An output format of `analyze`, `slow` and `errors`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned text tables for a terminal.
    case table
    /// The `perflog.report/1` JSON document (docs/REPORT.md).
    case json
    /// Comma-separated values, one section after another.
    case csv
    /// The Prometheus text exposition format 0.0.4 (``PrometheusRenderer``): `analyze` renders
    /// every metric, `slow` the slow-query counters, `errors` the event, error and HTTP counters.
    case prometheus

    /// Renders `result` as this format; `metricPrefix` applies to `prometheus` only.
    public func render(
        _ result: AnalysisResult, kind: ReportKind, metricPrefix: String = PrometheusRenderer.defaultPrefix
    ) -> String {
        switch self {
        case .prometheus: PrometheusRenderer.render(result, prefix: metricPrefix, kind: kind)
        case .table: TableRenderer.render(result, kind: kind)
        case .json: ReportJSONRenderer.render(result, kind: kind)
        case .csv: CSVRenderer.render(result, kind: kind)
        }
    }
}
