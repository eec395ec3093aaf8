/// An output format of `analyze`, `slow` and `errors`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, csv

    /// Renders `result` as this format.
    public func render(_ result: AnalysisResult, kind: ReportKind) -> String {
        switch self {
        case .table: TableRenderer.render(result, kind: kind)
        case .json: ReportJSONRenderer.render(result, kind: kind)
        case .csv: CSVRenderer.render(result, kind: kind)
        }
    }
}
