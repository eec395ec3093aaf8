/// One of several analyses computed in the same pass over the input (``AnalysisEngine/run(sources:lanes:filter:options:)``):
/// its own spec (grouping, windows) and its own extra filter on top of the shared one.
///
/// `check` uses one lane per rule (the rule's match as the filter, its `for` as the window) next to
/// a per-op lane, so every rule is evaluated from one scan of each line.
public struct AnalysisLane: Sendable {
    /// What this lane computes.
    public var spec: AnalysisSpec
    /// Records this lane keeps, on top of the shared filter (`nil`: all of them).
    public var filter: RecordFilter?

    /// A lane computing `spec` over the records `filter` keeps (all records when `nil`).
    public init(spec: AnalysisSpec, filter: RecordFilter? = nil) {
        self.spec = spec
        self.filter = filter
    }
}
