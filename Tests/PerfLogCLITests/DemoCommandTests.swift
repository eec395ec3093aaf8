import Foundation
import Testing

@Suite struct DemoCommandTests {
    static let sampleArguments = [
        "--name", "demo", "--events", "3000", "--seed", "42", "--start", "2026-11-28T10:00:00Z", "--rate", "2",
        "--rotate-bytes", "262144",
    ]
    static let ops: Set<String> = [
        "api.POST /api/v1/chat/message", "api.GET /api/v1/chat/history", "api.GET /api/v1/user/profile",
        "api.POST /api/v1/auth/login",
        "db.get_user_profile", "db.insert_message", "db.session_statistics", "db.list_history",
        "llm.respond", "therapeutic.assessment", "page.load",
    ]

    static func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !f.hasPrefix(".") {
            out[f] = try Data(contentsOf: dir.appendingPathComponent(f))
        }
        return out
    }

    static func lines(_ dir: URL) throws -> [[String: Any]] {
        var text = ""
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where f.hasSuffix(".gz") {
            text += try WriterCLIShell.run("zcat \(dir.path)/\(f)").1
        }
        text += try String(contentsOf: dir.appendingPathComponent("demo.log"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test func theCommittedSamplesAreReproducedByteForByteByTheDocumentedCommand() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PerfLogBinary.run(["demo", "--dir", dir.path] + Self.sampleArguments)
        #expect(r.status == 0, "\(r.stderr)")
        let made = try Self.snapshot(dir)
        #expect(
            made.keys.sorted() == [
                "demo-2026-11-28T10-09-03.059Z.log.gz", "demo-2026-11-28T10-18-12.074Z.log.gz", "demo.log",
            ])
        #expect(
            made == (try Self.snapshot(root.appendingPathComponent("samples"))),
            "samples/ differs from what the documented command writes")
    }

    @Test func theSimulationCoversThePlatformAndLogsOnlyQueryFingerprints() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PerfLogBinary.run(["demo", "--dir", dir.path] + Self.sampleArguments)
        #expect(r.status == 0)
        let all = try Self.lines(dir)
        #expect(all.count == 3004)
        let perf = all.filter { $0["event"] as? String == "perf" }
        let slow = all.filter { $0["event"] as? String == "slow_query" }
        #expect(Set(perf.compactMap { $0["op"] as? String }) == Self.ops)
        #expect(slow.count == 4)
        for s in slow {
            let q = s["query"] as! String
            #expect(!q.contains("'") && q.contains("?"), "a literal reached the log: \(q)")
            #expect((s["duration_ms"] as! Double) >= 100)
        }
        let statuses = Set(perf.compactMap { $0["status"] as? Int })
        #expect(statuses.contains { (400..<500).contains($0) } && statuses.contains { (500..<600).contains($0) })
        #expect(perf.contains { $0["outcome"] as? String == "error" })
        #expect(all.allSatisfy { ($0["meta"] as? [String: Any])?["request_id"] != nil })
        // A different seed gives different traffic.
        let other = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        _ = try PerfLogBinary.run(
            ["demo", "--dir", other.path, "--seed", "7"] + Self.sampleArguments.filter { $0 != "--seed" && $0 != "42" })
        #expect(try Self.snapshot(other)["demo.log"] != (try Self.snapshot(dir))["demo.log"])
    }

    @Test func theAnalyzerReadsTheDemoBackWithEveryOpAndCount() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PerfLogBinary.run(["demo", "--dir", dir.path] + Self.sampleArguments)
        let perf = try Self.lines(dir).filter { $0["event"] as? String == "perf" }
        let r = try PerfLogBinary.run(["analyze", "--format", "json", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let latency = try #require(report["latency"] as? [[String: Any]])
        #expect(Set(latency.compactMap { $0["op"] as? String }) == Self.ops)
        #expect(latency.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == perf.count)
    }

    @Test func aRealTimeRunWritesTheRequestedEventsAndBadArgumentsAreRefused() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PerfLogBinary.run([
            "demo", "--dir", dir.path, "--events", "500", "--rate", "0", "--rotate-bytes", "16384",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote 500 events"))
        let perfAndPlain = try Self.lines(dir).filter { $0["event"] as? String != "slow_query" }
        #expect(perfAndPlain.count == 500)
        let bad = try PerfLogBinary.run(["demo", "--dir", dir.path, "--start", "yesterday"])
        #expect(bad.status != 0 && bad.stderr.contains("--start yesterday"))
        let both = try PerfLogBinary.run(["demo", "--events", "1", "--seconds", "1"])
        #expect(both.status != 0 && both.stderr.contains("either --events or --seconds"))
    }
}
