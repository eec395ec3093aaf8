import PerfLog

/// What `perflog top` shows: the window, the rows, the filters and the rules that highlight rows.
package struct TopConfiguration: Sendable {
    /// The sliding window's length, in microseconds (default one minute).
    package var windowMicroseconds: Int64
    /// The fields that make a row (default: `op`).
    package var groupBy: [FieldPath]
    /// The records kept (`--op`, `--where`, `--level`, `--event`).
    package var filter: RecordFilter
    /// The rules whose firing highlights a row (default: the built-in targets of `perflog check`).
    package var rules: [SLORule]
    /// The most rows kept; the events of further rows are counted in one row named
    /// ``overflowRowName``, so memory stays bounded whatever the cardinality of `groupBy`.
    package var maxRows: Int

    /// The name of the row that holds the events of rows beyond ``maxRows``.
    package static let overflowRowName = "(other rows)"

    /// - Parameters:
    ///   - windowMicroseconds: the window's length (at least one second).
    ///   - groupBy: the fields that make a row.
    ///   - filter: the records kept.
    ///   - rules: the rules that highlight rows.
    ///   - maxRows: the most rows kept (at least 1).
    package init(
        windowMicroseconds: Int64 = 60_000_000, groupBy: [FieldPath] = [FieldPath("op")],
        filter: RecordFilter = RecordFilter(), rules: [SLORule] = DefaultRules.all, maxRows: Int = 1000
    ) {
        self.windowMicroseconds = max(1_000_000, windowMicroseconds)
        self.groupBy = groupBy.isEmpty ? [FieldPath("op")] : groupBy
        self.filter = filter
        self.rules = rules
        self.maxRows = max(1, maxRows)
    }

    /// The length of one time slice, in microseconds: one second, or a sixtieth of the window for
    /// windows over a minute (whole seconds). The window moves by whole slices.
    package var sliceMicroseconds: Int64 {
        max(1_000_000, windowMicroseconds / 60 / 1_000_000 * 1_000_000)
    }

    /// Slices per window (the window rounded up to whole slices).
    package var slicesPerWindow: Int64 {
        (windowMicroseconds + sliceMicroseconds - 1) / sliceMicroseconds
    }
}
