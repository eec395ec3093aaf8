import Logging
import PerfLog
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The current simulated request's metadata (trace ids), read by the loggers' metadata provider.
final class DemoContext: Sendable {
    let value = Mutex<Logger.Metadata>([:])
}

/// A small seedable generator (SplitMix64), so a demo run with a seed is reproducible.
struct DemoRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Standard normal (Box–Muller).
    mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// The seed platform's traffic: API endpoints, database queries (some slow), LLM calls,
/// therapeutic processing and page loads, with errors and 4xx/5xx responses, in the proportions
/// of the platform's performance guide. Every event goes through the real logger.
struct DemoSimulation {
    struct Op {
        let name: String
        let medianMs: Double
        let sigma: Double
        let errorRate: Double
        let weight: Double
        let kind: Kind
    }
    enum Kind: String { case api, db, llm, therapeutic, page }

    static let ops: [Op] = [
        Op(name: "api.POST /api/v1/chat/message", medianMs: 45, sigma: 0.7, errorRate: 0.015, weight: 30, kind: .api),
        Op(name: "api.GET /api/v1/chat/history", medianMs: 30, sigma: 0.6, errorRate: 0.01, weight: 12, kind: .api),
        Op(name: "api.GET /api/v1/user/profile", medianMs: 18, sigma: 0.5, errorRate: 0.005, weight: 12, kind: .api),
        Op(name: "api.POST /api/v1/auth/login", medianMs: 60, sigma: 0.5, errorRate: 0.03, weight: 4, kind: .api),
        Op(name: "db.get_user_profile", medianMs: 6, sigma: 0.9, errorRate: 0.002, weight: 14, kind: .db),
        Op(name: "db.insert_message", medianMs: 9, sigma: 0.8, errorRate: 0.004, weight: 14, kind: .db),
        Op(name: "db.session_statistics", medianMs: 25, sigma: 1.0, errorRate: 0.003, weight: 4, kind: .db),
        Op(name: "db.list_history", medianMs: 14, sigma: 1.1, errorRate: 0.002, weight: 6, kind: .db),
        Op(name: "llm.respond", medianMs: 900, sigma: 0.45, errorRate: 0.02, weight: 10, kind: .llm),
        Op(name: "therapeutic.assessment", medianMs: 160, sigma: 0.55, errorRate: 0.01, weight: 8, kind: .therapeutic),
        Op(name: "page.load", medianMs: 420, sigma: 0.5, errorRate: 0.004, weight: 6, kind: .page),
    ]
    static let errors: [Kind: String] = [
        .api: "HTTPError", .db: "ConnectionError", .llm: "TimeoutError", .therapeutic: "ValidationError",
        .page: "RenderError",
    ]
    static let plainMessages = [
        "user logged in", "session started", "cache miss", "config reloaded", "websocket connected", "message queued",
    ]

    private var random: DemoRandom
    private let totalWeight: Double
    /// The request context the metadata provider hands to the logger (trace ids).
    private let context: DemoContext
    private let perf: [Kind: PerformanceLogger]
    private let app: Logger

    init(seed: UInt64, sink: any LineSink) {
        random = DemoRandom(seed: seed)
        totalWeight = Self.ops.reduce(0) { $0 + $1.weight }
        let context = DemoContext()
        self.context = context
        let provider = Logger.MetadataProvider { context.value.withLock { $0 } }
        var loggers: [Kind: PerformanceLogger] = [:]
        for kind in [Kind.api, .db, .llm, .therapeutic, .page] {
            loggers[kind] = PerformanceLogger(label: "tta." + kind.rawValue, sink: sink, metadataProvider: provider)
        }
        perf = loggers
        app = Logger(label: "tta.app") { label in PerfLogHandler(label: label, sink: sink, metadataProvider: provider) }
    }

    /// Logs one simulated event (a plain log line, or a measured operation with, for a slow
    /// database query, its slow-query record).
    mutating func step() {
        let requestID = "r" + Self.hex(UInt32(truncatingIfNeeded: random.next()))
        let user = "u" + Self.padded(random.below(20_000), 5)
        context.value.withLock { $0 = ["request_id": .string(requestID), "user_id": .string(user)] }
        if random.unit() < 0.15 {
            app.info("\(Self.plainMessages[random.below(Self.plainMessages.count)])")
            return
        }
        var pick = random.unit() * totalWeight
        var op = Self.ops[0]
        for o in Self.ops {
            pick -= o.weight
            if pick < 0 {
                op = o
                break
            }
        }
        let duration = (op.medianMs * exp(random.gaussian() * op.sigma) * 1000).rounded() / 1000
        let failed = random.unit() < op.errorRate
        let logger = perf[op.kind]!
        switch op.kind {
        case .api:
            let status: Int
            if failed {
                status = [500, 502, 503, 504][random.below(4)]
            } else {
                status = random.unit() > 0.03 ? 200 : [400, 401, 404, 429][random.below(4)]
            }
            logger.recordRequest(op: op.name, durationMs: duration, status: status)
        case .db:
            logger.recordQuery(
                op: op.name, query: query(for: op.name, user: user), durationMs: duration,
                outcome: failed ? .error : .success, error: failed ? Self.errors[.db] : nil)
        case .llm, .therapeutic, .page:
            logger.record(
                op: op.name, durationMs: duration, outcome: failed ? .error : .success,
                error: failed ? Self.errors[op.kind] : nil)
        }
    }

    /// Raw SQL with literals, as an application would run it; the logger writes only its fingerprint.
    private mutating func query(for op: String, user: String) -> String {
        switch op {
        case "db.get_user_profile":
            return "SELECT id, name, prefs FROM user_profile WHERE id = '\(user)'"
        case "db.insert_message":
            return
                "INSERT INTO messages (session_id, body, created_at) VALUES ('s\(Self.padded(random.below(100_000), 6))', 'msg \(random.below(200))', now())"
        case "db.session_statistics":
            return
                "SELECT count(id), avg(duration), max(created_at) FROM therapeutic_session WHERE user_id = '\(user)' AND created_at > '2026-11-\(Self.padded(1 + random.below(27), 2))'"
        default:
            let ids = (0...random.below(5)).map { _ in String(random.below(1000)) }.joined(separator: ", ")
            return
                "SELECT * FROM messages WHERE session_id IN (\(ids)) ORDER BY created_at DESC LIMIT \(1 + random.below(199))"
        }
    }

    /// Uniform in [0, 1), from the same seeded stream (for event spacing).
    mutating func unit() -> Double { random.unit() }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    static func padded(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
