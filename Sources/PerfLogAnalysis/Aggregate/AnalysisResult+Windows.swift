import PerfLog

extension AnalysisResult {
    /// The rows with their windows merged: one cell per group (``LatencyCell/windowStart`` `nil`),
    /// busiest group first. Equal to what the same analysis without `--every` computes: counts,
    /// sums, minima, maxima and histograms merge exactly.
    public func collapsingWindows() -> [LatencyCell] {
        rebucketed(everyMicroseconds: nil)
    }

    /// The rows merged into windows of `every` microseconds (a multiple of the result's own
    /// window, aligned to the Unix epoch like `--every`), or into one cell per group when `nil`.
    /// Groups keep the result's order (busiest first); windows are in time order.
    public func rebucketed(everyMicroseconds every: Int64?) -> [LatencyCell] {
        var order: [[GroupValue]] = []
        var byGroup: [[GroupValue]: [Int64?: LatencyCell]] = [:]
        for c in rows {
            var key: Int64? = nil
            if let every, every > 0, let ws = c.windowStart {
                var q = ws.microseconds / every
                if ws.microseconds % every < 0 { q -= 1 }
                key = q * every
            }
            if byGroup[c.group] == nil {
                order.append(c.group)
                byGroup[c.group] = [:]
            }
            if var existing = byGroup[c.group]![key] {
                existing.merge(c)
                byGroup[c.group]![key] = existing
            } else {
                var fresh = LatencyCell(group: c.group, windowStart: key.map { Timestamp(microseconds: $0) })
                fresh.merge(c)
                byGroup[c.group]![key] = fresh
            }
        }
        var out: [LatencyCell] = []
        for g in order {
            let cells = byGroup[g]!.values.sorted {
                ($0.windowStart?.microseconds ?? .min) < ($1.windowStart?.microseconds ?? .min)
            }
            out.append(contentsOf: cells)
        }
        return out
    }
}
