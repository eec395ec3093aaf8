import PerfLog

extension Aggregator {
    /// The final, sorted result (call after merging every worker into this one).
    public func result() -> AnalysisResult { state.result() }
}

extension AggregationState {
    /// The metric series by kind, op, labels, status, then window.
    func sortedMetrics() -> [MetricSeriesStats] {
        metrics.sorted { a, b in
            if a.kind != b.kind { return a.kind < b.kind }
            if a.op != b.op { return a.op < b.op }
            if a.labels != b.labels { return a.labels.lexicographicallyPrecedes(b.labels) }
            if a.status != b.status { return (a.status ?? -1) < (b.status ?? -1) }
            return (a.windowStart?.microseconds ?? .min) < (b.windowStart?.microseconds ?? .min)
        }
    }

    func result() -> AnalysisResult {
        // Rows: groups by total event count descending, then group value, then window. Sort the
        // distinct groups once, then the cells by (group rank, window) on plain integers.
        var groupIndex: [[GroupValue]: Int] = [:]
        var groups: [(values: [GroupValue], total: Int64)] = []
        var cellGroup = [Int](repeating: 0, count: cells.count)
        for (i, c) in cells.enumerated() {
            let g: Int
            if let known = groupIndex[c.group] {
                g = known
            } else {
                g = groups.count
                groupIndex[c.group] = g
                groups.append((c.group, 0))
            }
            groups[g].total += c.errors.count
            cellGroup[i] = g
        }
        let groupOrder = groups.indices.sorted { a, b in
            groups[a].total != groups[b].total
                ? groups[a].total > groups[b].total : groups[a].values.lexicographicallyPrecedes(groups[b].values)
        }
        var rank = [Int](repeating: 0, count: groups.count)
        for (r, g) in groupOrder.enumerated() { rank[g] = r }
        let order = cells.indices.sorted { a, b in
            let ra = rank[cellGroup[a]]
            let rb = rank[cellGroup[b]]
            if ra != rb { return ra < rb }
            return (cells[a].windowStart?.microseconds ?? .max) < (cells[b].windowStart?.microseconds ?? .max)
        }
        let rows = order.map { cells[$0] }
        let slow = slowGroups.sorted { a, b in
            a.stats.sumNanoseconds != b.stats.sumNanoseconds
                ? a.stats.sumNanoseconds > b.stats.sumNanoseconds : a.fingerprint < b.fingerprint
        }
        let errors = errorTypes.map { ErrorTypeCount(error: $0.name, count: $0.count) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            switch (a.error, b.error) {
            case (nil, nil): return false
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): return x < y
            }
        }
        return AnalysisResult(
            spec: spec, input: input, rows: rows, errorsTotal: total, slowCount: slowCount,
            slowGroups: Array(slow.prefix(max(0, spec.top))), slowGroupCount: slowGroups.count,
            topErrors: Array(errors.prefix(max(0, spec.top))), metrics: sortedMetrics(),
            unseenFields: census.unseenFields(),
            isIncomplete: input.malformed > 0)
    }
}
