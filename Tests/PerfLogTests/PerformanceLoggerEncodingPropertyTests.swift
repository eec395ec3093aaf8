import Logging
import Testing

@_spi(Internals) @testable import PerfLog

/// `PerformanceLogger` writes its `perf` and `slow_query` lines with its own inlined encoder (the
/// fast path); these tests pin it, byte for byte, to `LineEncoder.encode(PerfEvent)` of the same
/// event, over random events.
@Suite struct PerformanceLoggerEncodingPropertyTests {
    typealias P = LineEncoderPropertyTests

    /// Durations of every kind: whole and fractional milliseconds, rounding edges, negative,
    /// huge and non-finite values, and arbitrary bit patterns.
    static func randomDuration(_ g: inout SplitMix64) -> Double {
        switch g.next() % 7 {
        case 0: return Double(g.next() % 1_000)
        case 1: return Double(g.next() % 10_000_000) / 1_000
        case 2: return Double(bitPattern: g.next())
        case 3: return -Double(g.next() % 100_000) / 7
        case 4:
            return [0, -0.0, .infinity, -.infinity, .nan, 9e12, 1e300, 0.0005, 0.0004999, 99.9999995].randomElement(
                using: &g)!
        default: return Double(g.next() % 1_000_000_000) / Double(1 + g.next() % 1_000)
        }
    }

    /// Metadata with keys that are redacted by default, keys that sort around them, and random text.
    static func randomMetadata(_ g: inout SplitMix64) -> Logger.Metadata? {
        switch g.next() % 4 {
        case 0: return nil
        case 1: return [:]
        default:
            var md: Logger.Metadata = [:]
            let keys = ["user_id", "password", "request_id", "token", "a", "zz", P.randomString(&g)]
            for _ in 0..<(1 + g.next() % 4) {
                let key = keys.randomElement(using: &g)!
                switch g.next() % 3 {
                case 0: md[key] = .string(P.randomString(&g))
                case 1: md[key] = .stringConvertible(Int(truncatingIfNeeded: g.next()))
                default: md[key] = .dictionary(["inner": .string(P.randomString(&g))])
                }
            }
            return md
        }
    }

    static func randomTimestamp(_ g: inout SplitMix64) -> Timestamp {
        Timestamp(microseconds: Int64(g.next() % 253_402_300_800_000_000))  // up to year 9999
    }

    /// The event `LineEncoder` encodes for a `perf` line the logger writes.
    static func perfEvent(
        label: String, op: String, durationMs: Double, outcome: PerfOutcome, error: String?, status: Int?,
        metadata: Logger.Metadata?, timestamp: Timestamp
    ) -> PerfEvent {
        PerfEvent(
            timestamp: timestamp, level: outcome == .success ? .info : .error, logger: label,
            message: "\(op) \(outcome == .success ? "done" : "failed")", event: PerfEvent.perfKind, op: op,
            durationMs: durationMs, outcome: outcome, error: error, status: status,
            metadata: metadata.flatMap { $0.isEmpty ? nil : $0 })
    }

    @Test func recordWritesTheLineLineEncoderWritesForTheSameEvent() {
        var g = SplitMix64(seed: 0xFA57)
        for round in 0..<3_000 {
            let label = round % 5 == 0 ? P.randomString(&g) : "tta.api"
            let loggerMetadata: Logger.Metadata = round % 3 == 0 ? (Self.randomMetadata(&g) ?? [:]) : [:]
            let sink = InMemorySink()
            let perf = PerformanceLogger(label: label, sink: sink, metadata: loggerMetadata)
            let op = P.randomString(&g)
            let duration = Self.randomDuration(&g)
            let outcome: PerfOutcome = g.next() % 3 == 0 ? .error : .success
            let error = g.next() % 2 == 0 ? P.randomString(&g) : nil
            let status = g.next() % 2 == 0 ? Int(truncatingIfNeeded: g.next()) >> (g.next() % 64) : nil
            let callMetadata = Self.randomMetadata(&g)
            let ts = Self.randomTimestamp(&g)
            perf.record(
                op: op, durationMs: duration, outcome: outcome, error: error, status: status, metadata: callMetadata,
                timestamp: ts)

            var merged = loggerMetadata
            if let callMetadata { merged.merge(callMetadata) { _, new in new } }
            let expected = LineEncoder.encodeLine(
                Self.perfEvent(
                    label: label, op: op, durationMs: duration, outcome: outcome, error: error, status: status,
                    metadata: merged, timestamp: ts))
            #expect(sink.lineBytes == [expected], "round \(round)")
        }
    }

    @Test func recordQueryWritesTheLinesLineEncoderWritesForThePerfAndSlowQueryEvents() {
        var g = SplitMix64(seed: 0x51_0F)
        let policy = SlowQueryPolicy()
        for round in 0..<1_000 {
            let sink = InMemorySink()
            let perf = PerformanceLogger(label: "tta.db", sink: sink, slowQueries: policy)
            let op = "db." + P.randomString(&g)
            let query = "SELECT * FROM t WHERE a = \(g.next() % 1_000) AND b = '" + P.randomString(&g) + "'"
            let duration = g.next() % 2 == 0 ? 100 + Double(g.next() % 100_000) / 1_000 : Self.randomDuration(&g)
            let outcome: PerfOutcome = g.next() % 4 == 0 ? .error : .success
            let error = outcome == .error ? P.randomString(&g) : nil
            let callMetadata = Self.randomMetadata(&g)
            let ts = Self.randomTimestamp(&g)
            perf.recordQuery(
                op: op, query: query, durationMs: duration, outcome: outcome, error: error, metadata: callMetadata,
                timestamp: ts)

            var expected = [
                LineEncoder.encodeLine(
                    Self.perfEvent(
                        label: "tta.db", op: op, durationMs: duration, outcome: outcome, error: error, status: nil,
                        metadata: callMetadata, timestamp: ts))
            ]
            let threshold = policy.threshold(for: op)
            if duration >= threshold {
                expected.append(
                    LineEncoder.encodeLine(
                        PerfEvent(
                            timestamp: ts, level: .warning, logger: "tta.db", message: "slow query",
                            event: PerfEvent.slowQueryKind,
                            op: op, durationMs: duration, outcome: outcome, error: error,
                            query: policy.fingerprint.fingerprint(query),
                            thresholdMs: threshold, metadata: callMetadata.flatMap { $0.isEmpty ? nil : $0 })))
            }
            #expect(sink.lineBytes == expected, "round \(round)")
        }
    }
}
