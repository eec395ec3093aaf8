import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// A day-like input: four ops over 30 minutes, some errors and slow queries.
    static var lines: [String] {
        var out =
            WorkflowLines.series("api.GET /a", count: 300, durations: [20, 35, 50, 80, 240], errorEvery: 40)
            + WorkflowLines.series("db.q", count: 200, step: 9, durations: [2, 3, 5, 120])
            + WorkflowLines.series("llm.respond", count: 60, step: 30, durations: [900, 1500, 2400])
            + WorkflowLines.series(#"page.<b>\"x\"</b>"#, count: 30, step: 60, durations: [400])
        out.append(
            #"{"ts":"2026-11-28T10:05:00.000000Z","level":"warning","logger":"db","msg":"","event":"slow_query","op":"db.q","duration_ms":120,"query":"SELECT * FROM t WHERE id = 42","threshold_ms":100}"#
        )
        return out
    }

    /// Chromium's path, or nil when it is not installed.
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static func runChromium(_ args: [String]) throws -> (stdout: String, stderr: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let t = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !t.isFinished { usleep(1000) }
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), p.terminationStatus)
    }

    @Test func writesOneSelfContainedHTMLFile() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(Self.lines, "app.log", in: dir)
        let out = dir.appendingPathComponent("report.html").path
        let r = try PerfLogBinary.run(["report", log, "--html", out])
        #expect(r.status == 0)
        #expect(r.stdout == "")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("charts in windows of 30s"))  // 30 minutes of data: 60 windows of 30 s
        #expect(html.components(separatedBy: "<svg class=\"chart line-chart\"").count - 1 == 5)  // 4 ops + error rate
        #expect(html.components(separatedBy: "<svg class=\"chart bar-chart\"").count - 1 == 4)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("page.&lt;b&gt;&quot;x&quot;&lt;/b&gt;"))
        #expect(html.contains("SELECT * FROM t WHERE id = ?"))
        #expect(html.contains("<span class=\"fired\">FIRED</span>"))  // llm p95 2.4 s > 2 s
        // --every and a rules file.
        let rules = try WorkflowLines.write(
            ["rules:", "  - {name: only-db, match: 'db.*', stat: p99, op: '>', threshold: 1s}"], "r.yml", in: dir)
        let r2 = try PerfLogBinary.run([
            "report", log, "--html", out, "--every", "5m", "--rules", rules, "--title", "Weekly <check>",
        ])
        #expect(r2.status == 0)
        let html2 = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html2.contains("charts in windows of 5m"))
        #expect(html2.contains("<title>Weekly &lt;check&gt;</title>"))
        #expect(html2.contains("only-db"))
        #expect(!html2.contains("api-p95"))
    }

    @Test func standardInputNeedsEvery() throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.html").path
        let data = Data((Self.lines.joined(separator: "\n") + "\n").utf8)
        // perflog refuses before reading standard input (so none is given: writing into a closed pipe
        // would fail).
        let r = try PerfLogBinary.run(["report", "-", "--html", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("needs --every"))
        let ok = try PerfLogBinary.run(["report", "-", "--html", out, "--every", "5m"], stdin: data)
        #expect(ok.status == 0)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func chromiumRendersTheChartsWithoutErrors() throws {
        guard Self.chromium != nil else {
            print("skipped: chromium is not installed")  // recorded reason
            return
        }
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try WorkflowLines.write(Self.lines, "app.log", in: dir)
        let out = dir.appendingPathComponent("report.html")
        #expect(try PerfLogBinary.run(["report", log, "--html", out.path]).status == 0)
        let dom = try Self.runChromium(["--dump-dom", out.absoluteString])
        #expect(dom.status == 0)
        // The browser parsed every chart as SVG, with its paths and bars.
        #expect(dom.stdout.components(separatedBy: "<svg class=\"chart line-chart\"").count - 1 == 5)
        #expect(dom.stdout.components(separatedBy: "<svg class=\"chart bar-chart\"").count - 1 == 4)
        #expect(dom.stdout.components(separatedBy: "class=\"series\"").count - 1 == 4 * 3 + 3)
        #expect(dom.stdout.contains("<section id=\"slow\">"))
        // No console message, script error or blocked resource.
        for bad in ["CONSOLE", "Uncaught", "Refused to", "ERR_"] {
            #expect(!dom.stderr.contains(bad), "chromium logged \(bad)")
        }
        let png = dir.appendingPathComponent("shot.png")
        let shot = try Self.runChromium([
            "--hide-scrollbars", "--window-size=1240,1600", "--screenshot=\(png.path)", out.absoluteString,
        ])
        #expect(shot.status == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 10_000)
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
