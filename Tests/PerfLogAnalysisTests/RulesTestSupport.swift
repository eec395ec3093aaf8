import Foundation
import PerfLog

@testable import PerfLogAnalysis

/// Small hand-made inputs for the workflow tests (rules, diff, Prometheus, HTML), run through the
/// one engine exactly as the commands do.
enum WorkflowData {
    /// 2026-11-28T10:00:00Z in microseconds.
    static let t0: Int64 = (1_795_824_000 + 36_000) * 1_000_000

    /// One perf line `seconds` after 10:00:00.
    static func perf(_ seconds: Double, _ op: String, _ ms: Double, error: Bool = false, status: Int? = nil) -> String {
        let ts = Timestamp(microseconds: t0 + Int64(seconds * 1_000_000))
        var s =
            #"{"ts":"\#(ts)","level":"info","logger":"app","msg":"","event":"perf","op":"\#(op)","duration_ms":\#(ms),"outcome":"\#(error ? "error" : "success")""#
        if error { s += #","error":"Timeout""# }
        if let status { s += #","status":\#(status)"# }
        return s + "}"
    }

    /// `count` perf lines of `op` spread evenly over [from, to) seconds, durations cycling
    /// through `durations`.
    static func series(
        _ op: String, from: Double, to: Double, count: Int, durations: [Double], errorEvery: Int = 0, status: Int? = nil
    ) -> [String] {
        (0..<count).map { i in
            perf(
                from + (to - from) * Double(i) / Double(count), op, durations[i % durations.count],
                error: errorEvery > 0 && i % errorEvery == 0, status: status)
        }
    }

    /// Writes `lines` to a temporary file and returns its path.
    static func file(_ lines: [String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "perflog-wf-\(UUID().uuidString).ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// Runs `lanes` over `lines` through the engine (two threads).
    static func run(_ lines: [String], lanes: [AnalysisLane], filter: RecordFilter = RecordFilter()) throws
        -> [AnalysisResult]
    {
        let path = try file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sources = try InputResolver.resolve([path])
        return AnalysisEngine.run(sources: sources, lanes: lanes, filter: filter, options: InputOptions(threads: 2))
    }

    /// Evaluates `rules` over `lines` as `perflog check` does.
    static func check(_ lines: [String], rules: [SLORule]) throws -> [RuleResult] {
        let results = try run(lines, lanes: RuleEvaluator.checkLanes(rules, base: AnalysisSpec()))
        return RuleEvaluator.evaluateCheck(rules, results: results)
    }

    /// The per-op analysis of `lines`.
    static func analyze(_ lines: [String], spec: AnalysisSpec = AnalysisSpec()) throws -> AnalysisResult {
        try run(lines, lanes: [AnalysisLane(spec: spec)])[0]
    }
}
