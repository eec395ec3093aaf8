extension AnalysisEngine {
    /// Computes several analyses in one pass over `sources`: each line is read and scanned once
    /// and recorded into every lane whose filter it passes.
    ///
    /// - Parameters:
    ///   - sources: resolved inputs, read in order.
    ///   - lanes: the analyses (at least one); the first also counts lines and malformed lines.
    ///   - filter: the filter every lane shares.
    ///   - options: threads, line cap, progress; its time window should be the filter's.
    /// - Returns: one result per lane, in order. Every result carries the input layer's summary
    ///   (files, bytes, problems); only the first has the line counts.
    public static func run(sources: [InputSource], lanes: [AnalysisLane], filter: RecordFilter, options: InputOptions)
        -> [AnalysisResult]
    {
        let shared: RecordFilter? = filter.isPassThrough ? nil : filter
        let reader = InputReader(sources: sources, options: options)
        let (consumers, summary) = reader.run { _ in LaneConsumer(lanes: lanes, filter: shared) }
        var results: [AnalysisResult] = []
        for (i, lane) in lanes.enumerated() {
            let total = Aggregator(spec: lane.spec)
            for c in consumers { total.merge(c.aggregators[i]) }
            var r = finish(total.result(), summary: summary)
            if i > 0 { r.isIncomplete = results[0].isIncomplete }
            results.append(r)
        }
        return results
    }
}
