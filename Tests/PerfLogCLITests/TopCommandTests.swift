import Foundation
import Testing

/// `perflog top` end to end through the built binary: plain snapshots of a fixed log, the
/// figures against `perflog analyze` of the same window, following new lines, and errors.
@Suite struct TopCommandTests {
    static func perf(_ ts: String, _ op: String, _ ms: Double, status: Int = 200, error: Bool = false) -> String {
        #"{"ts":"\#(ts)","level":"info","logger":"t","msg":"done","event":"perf","op":"\#(op)","duration_ms":\#(ms),"outcome":"\#(error ? "error" : "success")","status":\#(status)}"#
    }

    /// Two minutes of a small service: the minute before 10:00 (the previous window), the minute
    /// from 10:00 (api, db, a slow query, a malformed line, an op with escape characters), and
    /// one line after 10:01.
    static func fixedLog() -> String {
        var lines: [String] = []
        for i in 0..<60 {
            lines.append(perf(String(format: "2026-11-28T09:59:%02d.500000Z", i), "api.GET /users/{id}", Double(5 + i)))
        }
        for i in 0..<120 {
            let s = i / 2
            let status = [10, 20, 30].contains(i) ? 404 : [40, 50].contains(i) ? 500 : 200
            let ts = String(format: "2026-11-28T10:00:%02d.%@Z", s, i % 2 == 0 ? "250000" : "750000")
            lines.append(perf(ts, "api.GET /users/{id}", Double(10 + i), status: status, error: status == 500))
            if i % 2 == 0 {
                lines.append(perf(String(format: "2026-11-28T10:00:%02d.300000Z", s), "db.query", Double(150 + i)))
            }
            if i == 60 {
                lines.append("not json at all")
                lines.append(
                    #"{"ts":"2026-11-28T10:00:30.400000Z","level":"warning","logger":"t","msg":"slow query","event":"slow_query","op":"db.query","duration_ms":250.0,"threshold_ms":100,"query":"SELECT * FROM t WHERE id = ?"}"#
                )
                lines.append(perf("2026-11-28T10:00:30.500000Z", #"evil\u001b[2J\u202e"#, 1.5))
            }
        }
        lines.append(perf("2026-11-28T10:01:30.000000Z", "api.GET /users/{id}", 999))
        return lines.joined(separator: "\n") + "\n"
    }

    static func writeFixedLog() throws -> (dir: URL, file: URL) {
        let dir = try PerfLogBinary.temporaryDirectory()
        let file = dir.appendingPathComponent("app.log")
        try fixedLog().write(to: file, atomically: false, encoding: .utf8)
        return (dir, file)
    }

    @Test func aBatchSnapshotOfAFixedLogIsExact() throws {
        let (dir, file) = try Self.writeFixedLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PerfLogBinary.run(["top", dir.path, "--now", "2026-11-28T10:01:00Z", "--batch", "1"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                perflog top  \(file.path)  window 1m  at 2026-11-28T10:01:00.000000Z
                events 181 (3.02/s)  rows 3  malformed 1  sort p95
                slowest query 250.0 ms  SELECT * FROM t WHERE id = ?

                  op                       req/s     err%     4xx     5xx        p50        p95        p99        max   trend
                ! db.query                  1.00    0.00%       0       0   209.2 ms   261.7 ms   266.7 ms   268.0 ms     new
                  api.GET /users/{id}       2.00    1.67%       3       2    69.5 ms   123.0 ms   128.0 ms   129.0 ms  ↑ 102%
                  evil\\x1B[2J\\u{202E}       0.02    0.00%       0       0    1.50 ms    1.50 ms    1.50 ms    1.50 ms     new
                firing: db-p95 (db.query)


                """)
    }

    @Test func figuresAgreeWithAnalyzeOfTheSameWindow() throws {
        let (dir, file) = try Self.writeFixedLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let top = try PerfLogBinary.run([
            "top", file.path, "--now", "2026-11-28T10:01:00Z", "--batch", "1", "--sort", "name",
        ])
        let analyze = try PerfLogBinary.run([
            "analyze", file.path, "--since", "2026-11-28T10:00:00Z", "--until", "2026-11-28T10:01:00Z", "--format",
            "json",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(analyze.stdout.utf8)) as! [String: Any]
        let groups = try #require(json["latency"] as? [[String: Any]])
        let rows = Self.rows(top.stdout)
        #expect(rows.count == groups.count)
        for g in groups {
            let op = try #require(g["op"] as? String)
            let row = try #require(rows[op.contains("\u{1B}") ? #"evil\x1B[2J\u{202E}"# : op])
            let count = (g["count"] as! NSNumber).doubleValue
            #expect(abs(row.perSecond - count / 60) < 0.006, "\(op)")
            for (column, key) in [(1, "p50_ms"), (2, "p95_ms"), (3, "p99_ms"), (4, "max_ms")] {
                let truth = (g[key] as! NSNumber).doubleValue
                #expect(
                    abs(row.ms[column - 1] - truth) / truth < 0.005, "\(op) \(key): \(row.ms[column - 1]) vs \(truth)")
            }
        }
    }

    /// The rows of a plain snapshot by name: req/s and the four latencies in milliseconds.
    static func rows(_ text: String) -> [String: (perSecond: Double, ms: [Double])] {
        var out: [String: (Double, [Double])] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("  ") || line.hasPrefix("! ") {
            var fields = line.dropFirst(2).split(separator: " ").map(String.init)
            // The trend is one token (new, =, -) or an arrow and a percentage.
            fields.removeLast(fields.count > 1 && ["↑", "↓"].contains(fields[fields.count - 2]) ? 2 : 1)
            guard fields.count > 12, let rate = Double(fields[fields.count - 12]) else { continue }
            let name = fields[0..<(fields.count - 12)].joined(separator: " ")
            var ms: [Double] = []
            for i in stride(from: fields.count - 8, to: fields.count, by: 2) {
                let v = Double(fields[i])!
                ms.append(fields[i + 1] == "s" ? v * 1000 : v)
            }
            out[name] = (rate, ms)
        }
        return out
    }

    @Test func followsLinesWrittenAfterTheStart() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("app.log")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let out = dir.appendingPathComponent("top.out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let p = Process()
        p.executableURL = PerfLogBinary.url
        p.arguments = ["top", file.path, "--batch", "40", "--interval", "100ms"]
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        usleep(300_000)
        let now = ISO8601DateFormatter().string(from: Date())
        let ts = String(now.dropLast()) + ".000000Z"
        let h = try FileHandle(forWritingTo: file)
        try h.write(contentsOf: Data((0..<7).map { _ in Self.perf(ts, "api.GET /live", 12) + "\n" }.joined().utf8))
        try h.close()
        p.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(p.terminationStatus == 0)
        #expect(text.components(separatedBy: "perflog top  ").count - 1 == 40)
        #expect(text.contains("no perf events in the window"))
        #expect(text.contains("events 7 ("))
        #expect(text.contains("api.GET /live"))
    }

    @Test func refusesBadArgumentsWithAClearMessage() throws {
        let cases: [([String], String)] = [
            (["top", "/nonexistent/app.log", "--batch", "1"], "no such file: /nonexistent/app.log"),
            (["top", "x.log", "--since", "5m"], "use --window"),
            (["top", "x.log", "--window", "0s"], "--window"),
            (["top", "x.log", "--window", "1d", "--interval", "2h"], "--interval must be between 10ms and 1h"),
            (["top", "x.log", "--interval", "fast"], "--interval"),
            (["top", "x.log", "--batch", "0"], "--batch must be 1 or more"),
            (["top", "x.log", "--sort", "speed"], "--sort"),
        ]
        for (args, message) in cases {
            let r = try PerfLogBinary.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }
}
