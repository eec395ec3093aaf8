/// Which events an SLO rule looks at: `perf` events whose `op` matches one of the globs (any op
/// when there is none) and for which the `where` expression holds (when there is one).
public struct RuleMatch: Sendable, CustomStringConvertible {
    /// Op globs (`api.*`); empty matches every op.
    public var opGlobs: [String]
    /// A `--where` expression (the same language as the CLI's `--where`).
    public var `where`: WhereExpression?

    /// Matches records whose op fits one of `opGlobs` (any op when empty) and that satisfy `where`.
    public init(opGlobs: [String] = [], where: WhereExpression? = nil) {
        self.opGlobs = opGlobs
        self.where = `where`
    }

    /// The filter selecting the matching records, or `nil` when every record matches.
    public var filter: RecordFilter? {
        opGlobs.isEmpty && `where` == nil ? nil : RecordFilter(opGlobs: opGlobs, where: `where`)
    }

    /// `op ~ api.*`, `where status >= 500`, both joined with `and`, or `*` for everything.
    public var description: String {
        var parts: [String] = []
        if !opGlobs.isEmpty { parts.append(opGlobs.joined(separator: ",")) }
        if let w = `where` { parts.append("where " + w.source) }
        return parts.isEmpty ? "*" : parts.joined(separator: " ")
    }
}
