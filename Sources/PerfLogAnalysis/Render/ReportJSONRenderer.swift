/// Renders a result as the versioned JSON schema `perflog.report/1` (docs/REPORT.md): the
/// ``ReportDocument`` of the result, written as one line.
public enum ReportJSONRenderer {
    /// The schema identifier written in every report.
    public static let schema = ReportDocument.schema

    /// The report as one line of JSON followed by a newline.
    public static func render(_ r: AnalysisResult, kind: ReportKind) -> String {
        ReportDocument(r, kind: kind).jsonLine
    }
}
