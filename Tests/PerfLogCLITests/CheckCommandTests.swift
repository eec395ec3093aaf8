import Foundation
import Testing

/// Hand-made inputs for the workflow commands' end-to-end tests.
enum WorkflowLines {
    /// 2026-11-28T10:00:00Z + `seconds`, as written by the logger.
    static func ts(_ seconds: Int) -> String {
        let h = 10 + seconds / 3600
        let m = (seconds % 3600) / 60
        let s = seconds % 60
        return String(format: "2026-11-28T%02d:%02d:%02d.000000Z", h, m, s)
    }

    static func perf(_ seconds: Int, _ op: String, _ ms: Double, error: Bool = false) -> String {
        #"{"ts":"\#(ts(seconds))","level":"info","logger":"app","msg":"","event":"perf","op":"\#(op)","duration_ms":\#(ms),"outcome":"\#(error ? "error" : "success")"\#(error ? #","error":"Timeout""# : "")}"#
    }

    /// `count` events of `op`, one every `step` seconds from `start`, durations cycling.
    static func series(
        _ op: String, start: Int = 0, count: Int, step: Int = 6, durations: [Double], errorEvery: Int = 0
    ) -> [String] {
        (0..<count).map {
            perf(start + $0 * step, op, durations[$0 % durations.count], error: errorEvery > 0 && $0 % errorEvery == 0)
        }
    }

    /// Writes `lines` as `name` in `dir`.
    @discardableResult
    static func write(_ lines: [String], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// 10:00-10:15: api.x (p95 250 ms) and db.q (fast), 1 error in 50 db events.
    static var slowAPI: [String] {
        series("api.x", count: 100, step: 9, durations: [100, 100, 100, 100, 100, 100, 100, 100, 100, 250])
            + series("db.q", count: 50, step: 18, durations: [5, 7], errorEvery: 50)
    }
}

@Suite struct CheckCommandTests {
    @Test func theDefaultRulesFireOnASlowAPIWithExitStatus2() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(WorkflowLines.slowAPI, "app.log", in: dir)
        let r = try PerfLogBinary.run(["check", log])
        #expect(r.status == 2)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                SLO check: 150 events from 2026-11-28T10:00:00.000000Z to 2026-11-28T10:14:51.000000Z

                  state    rule             match          condition              value  events  windows  severity
                  FIRED    api-p95          api.*          p95 > 200.0 ms      250.0 ms     100        -  warning
                  ok       db-p95           db.*           p95 > 100.0 ms       7.00 ms      50        -  warning
                  no-data  llm-p95          llm.*          p95 > 2.00 s               -       0        -  warning
                  no-data  page-p95         page.*         p95 > 1.00 s               -       0        -  warning
                  no-data  therapeutic-p95  therapeutic.*  p95 > 500.0 ms             -       0        -  warning
                  ok       error-rate       *              error_rate > 5.00%     0.67%     150        -  critical

                6 rules: 1 fired, 2 ok, 3 no data
                  api-p95: API endpoint p95 must stay under 200 ms

                """)
    }

    @Test func jsonOutputListsEveryRuleWithValueStateAndWindows() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(WorkflowLines.slowAPI, "app.log", in: dir)
        let rules = try WorkflowLines.write(
            [
                "rules:",
                "  - {name: api-sustained, match: 'api.*', stat: p95, op: '>', threshold: 200ms, for: 5m, severity: critical}",
                "  - {name: db-errors, match: {op: 'db.*'}, stat: error_rate, op: '>', threshold: 5%}",
            ], "rules.yml", in: dir)
        let r = try PerfLogBinary.run(["check", log, "--rules", rules, "--format", "json"])
        #expect(r.status == 2)
        #expect(
            r.stdout == """
                {"schema":"perflog.check/1","input":{"files":1,"bytes":\(try Data(contentsOf: URL(fileURLWithPath: log)).count),"lines":150,"events":150,"malformed":0,"from":"2026-11-28T10:00:00.000000Z","to":"2026-11-28T10:14:51.000000Z"},"fired":1,"rules":[{"name":"api-sustained","match":{"op":["api.*"],"where":null},"stat":"p95","op":">","threshold":200.000,"for_s":300.000,"severity":"critical","summary":"","count":100,"value":250.000,"state":"fired","windows":[{"start":"2026-11-28T10:00:00.000000Z","count":34,"value":250.000,"holds":true},{"start":"2026-11-28T10:05:00.000000Z","count":33,"value":250.000,"holds":true},{"start":"2026-11-28T10:10:00.000000Z","count":33,"value":250.000,"holds":true}]},{"name":"db-errors","match":{"op":["db.*"],"where":null},"stat":"error_rate","op":">","threshold":0.050000,"for_s":null,"severity":"warning","summary":"","count":50,"value":0.020000,"state":"ok"}]}

                """)
    }

    @Test func rulesThatHoldExitWith0AndForNeedsEveryWindow() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // api.x slow (400 ms) only from 10:10 on: over all data p95 is 400 ms, but not in every 5m window.
        let lines =
            WorkflowLines.series("api.x", count: 60, step: 10, durations: [50])
            + WorkflowLines.series("api.x", start: 600, count: 30, step: 10, durations: [400])
        let log = try WorkflowLines.write(lines, "app.log", in: dir)
        let rules = try WorkflowLines.write(
            [
                "rules:", "  - {name: sustained, match: 'api.*', stat: p95, op: '>', threshold: 200ms, for: 5m}",
            ], "rules.yml", in: dir)
        let ok = try PerfLogBinary.run(["check", log, "--rules", rules])
        #expect(ok.status == 0)
        #expect(
            ok.stdout.contains("  ok     sustained  api.*  p95 > 200.0 ms for 5m  400.0 ms      90      1/3  warning\n")
        )
        // The same rule over the last five minutes only: every window breaches.
        let recent = try PerfLogBinary.run(["check", log, "--rules", rules, "--since", "2026-11-28T10:10:00Z"])
        #expect(recent.status == 2)
        #expect(recent.stdout.contains("FIRED  sustained"))
        #expect(recent.stdout.contains("1/1"))
    }

    @Test func aBadRulesFileIsReportedWithLineAndColumnAndExitStatus1() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(WorkflowLines.slowAPI, "app.log", in: dir)
        let rules = try WorkflowLines.write(
            ["rules:", "  - name: a", "    stat: p96", "    op: '>'", "    threshold: 1ms"], "bad.yml", in: dir)
        let r = try PerfLogBinary.run(["check", log, "--rules", rules])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(
            r.stderr
                == "perflog: \(rules):3:11: unknown stat 'p96' (expected p50, p90, p95, p99, p999, mean, max, error_rate, rate_per_min, rate_per_s, gauge_max, gauge_mean)\n"
        )
    }

    @Test func incompleteInputExits3UnlessARuleFired() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let torn = #"{"ts":"2026-11-28T10:00:00Z","op":"#
        let fast = try WorkflowLines.write(
            WorkflowLines.series("api.x", count: 10, durations: [5]) + [torn], "fast.log", in: dir)
        let r = try PerfLogBinary.run(["check", fast])
        #expect(r.status == 3)
        #expect(r.stderr.contains("1 malformed line skipped"))
        let slow = try WorkflowLines.write(WorkflowLines.slowAPI + [torn], "slow.log", in: dir)
        #expect(try PerfLogBinary.run(["check", slow]).status == 2)
    }
}
