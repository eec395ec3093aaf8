/// Which command's report to render: each renders the sections it is about from the same result.
public enum ReportKind: Sendable {
    /// `analyze`: input, latency, slow queries, errors.
    case analyze
    /// `slow`: input and slow queries.
    case slow
    /// `errors`: input and errors.
    case errors
}
