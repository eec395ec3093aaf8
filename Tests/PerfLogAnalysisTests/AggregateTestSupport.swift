import PerfLog

@testable import PerfLogAnalysis

/// One generated perf record.
struct GeneratedRecord {
    var op: String
    var status: Int?
    var user: String
    var ts: Timestamp
    var durationMs: Double
    var isError: Bool
    var error: String?
    var event: EventClass
    var query: String?
}

enum GeneratedData {
    static let ops = [
        "api.GET /api/v1/user/profile", "db.get_user_profile", "llm.respond", "page.load", "db.list_history",
    ]
    static let medians: [Double] = [40, 5, 900, 300, 12]

    /// `n` records over one day, log-normal durations rounded to microseconds (as the writer does).
    static func make(_ n: Int, seed: UInt64 = 42) -> [GeneratedRecord] {
        var g = SplitMix64(seed: seed)
        var out: [GeneratedRecord] = []
        out.reserveCapacity(n)
        let day0: Int64 = 1_795_824_000_000_000  // 2026-11-28T00:00:00Z
        for _ in 0..<n {
            let k = Int(g.next() % UInt64(ops.count))
            // Box-Muller normal for a log-normal duration.
            let u1 = max(Double(g.next() % 1_000_000 + 1) / 1_000_001, 1e-9)
            let u2 = Double(g.next() % 1_000_000) / 1_000_000
            let z = (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
            let d = (medians[k] * _exp(0.8 * z) * 1000).rounded() / 1000
            let err = g.next() % 50 == 0
            let status: Int? = k == 0 ? (err ? 500 + Int(g.next() % 4) : (g.next() % 40 == 0 ? 404 : 200)) : nil
            let ts = Timestamp(microseconds: day0 + Int64(g.next() % 86_400_000_000))
            let isSlowQuery = k == 1 && d >= 20 && g.next() % 2 == 0
            out.append(
                GeneratedRecord(
                    op: ops[k], status: status, user: "u\(g.next() % 300)", ts: ts, durationMs: max(d, 0.001),
                    isError: err,
                    error: err ? ["Timeout", "DBError", "HTTP 500"][Int(g.next() % 3)] : nil,
                    event: isSlowQuery ? .slowQuery : .perf,
                    query: k == 1
                        ? "SELECT * FROM users WHERE id = \(g.next() % 1000) AND name = 'x\(g.next() % 9)'" : nil))
        }
        return out
    }

    static func feed(_ records: some Sequence<GeneratedRecord>, into agg: Aggregator, by: [String] = ["op"]) {
        for r in records {
            let group: [GroupValue] = by.map { f in
                switch f {
                case "op": .string(r.op)
                case "status": r.status.map { .number(String($0)) } ?? .missing
                case "meta.user_id": .string(r.user)
                default: .missing
                }
            }
            agg.record(
                group: group, timestamp: r.ts, event: r.event, durationMs: r.durationMs, isError: r.isError,
                status: r.status, errorType: r.error, op: r.op, query: r.query)
        }
    }
}

#if canImport(Glibc)
    import Glibc
    func _log(_ x: Double) -> Double { Glibc.log(x) }
    func _exp(_ x: Double) -> Double { Glibc.exp(x) }
    func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
    import Darwin
    func _log(_ x: Double) -> Double { Darwin.log(x) }
    func _exp(_ x: Double) -> Double { Darwin.exp(x) }
    func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif

/// Exact interpolated quantile (DuckDB's quantile_cont) of sorted values.
func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
