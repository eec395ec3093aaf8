import PerfLog

/// One pass over the input: reads the sources on worker threads, scans, filters and aggregates,
/// then merges the workers into one ``AnalysisResult``. The engine every analyzer command shares.
///
/// ```swift
/// let sources = try InputResolver.resolve(["logs/"])
/// let result = AnalysisEngine.run(sources: sources, spec: AnalysisSpec(), filter: RecordFilter(),
///                                 options: InputOptions(threads: 2))
/// print(ReportFormat.table.render(result, kind: .analyze))
/// ```
public enum AnalysisEngine {
    /// Analyses `sources`.
    ///
    /// - Parameters:
    ///   - sources: resolved inputs, read in order.
    ///   - spec: what to compute.
    ///   - filter: which records count.
    ///   - options: threads, line cap, progress; its time window should be the filter's.
    /// - Returns: the merged result; ``AnalysisResult/isIncomplete`` is set when lines were
    ///   malformed or an archive was truncated or corrupt.
    public static func run(sources: [InputSource], spec: AnalysisSpec, filter: RecordFilter, options: InputOptions)
        -> AnalysisResult
    {
        run(sources: sources, lanes: [AnalysisLane(spec: spec)], filter: filter, options: options)[0]
    }

    /// Analyses `sources` with the spec's own filter (and its time window for skipping archive
    /// members).
    public static func run(sources: [InputSource], spec: AnalysisSpec, options: InputOptions) -> AnalysisResult {
        var options = options
        if options.timeWindow == nil { options.timeWindow = spec.filter.timeWindow }
        return run(sources: sources, spec: spec, filter: spec.filter, options: options)
    }

    /// Adds the input layer's summary (files, bytes, problems) to an aggregated result.
    public static func finish(_ aggregated: AnalysisResult, summary: InputSummary) -> AnalysisResult {
        var r = aggregated
        r.input.files = summary.files.count
        r.input.bytes = summary.bytesRead
        for i in r.input.malformedExamples.indices {
            let k = r.input.malformedExamples[i].sourceIndex
            r.input.malformedExamples[i].source = k < summary.files.count ? summary.files[k] : "#\(k)"
        }
        r.problems = summary.problems.map { p in
            p.offset.map { "\(p.file)@\($0): \(p.message)" } ?? "\(p.file): \(p.message)"
        }.sorted()
        r.isIncomplete = r.input.malformed > 0 || summary.isIncomplete
        return r
    }
}
