import Foundation
import Testing

/// `perflog top` on a real terminal, driven through tmux (`send-keys`, `capture-pane`) against a
/// log that `perflog demo` has just written: the screen agrees with `perflog analyze --since 1m`,
/// the sort and filter keys work, a resize redraws, and `q`, SIGTERM and Ctrl-C restore the terminal.
@Suite(.serialized) struct TopTerminalTests {
    /// A tmux server of the test's own (its own socket), killed at the end.
    final class Tmux {
        let socket = "perflog-top-\(UUID().uuidString.prefix(8))"

        /// Runs a tmux command, its output to /dev/null. It is spawned and reaped directly: the
        /// server it may start inherits the descriptors Foundation's `Process` watches for the
        /// child's end, so `Process.waitUntilExit` would wait as long as the server runs.
        func run(_ args: [String]) throws {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for fd in [Int32(0), 1, 2] {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            }
            let argv = (["/usr/bin/tmux", "-L", socket] + args).map { strdup($0) } + [nil]
            defer { for a in argv { free(a) } }
            var pid = pid_t()
            guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ) == 0 else {
                throw CocoaError(.executableLoad)
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }

        /// The pane's text.
        func screen() throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
            p.arguments = ["-L", socket, "capture-pane", "-p", "-t", "top"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        /// Waits until the screen satisfies `condition` (at most `seconds`), returning it.
        func wait(seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var text = try screen()
            while !condition(text) && Date() < deadline {
                usleep(100_000)
                text = try screen()
            }
            return text
        }

        /// Starts `perflog top DIR` in a new session `top`: the shell prints `before-top` first and
        /// `top-exited-STATUS` when top ends. Like an interactive shell, it survives a Ctrl-C meant for top.
        func startTop(following dir: URL, columns: Int, lines: Int) throws {
            let command =
                "trap : INT; printf 'before-top\\n'; '\(PerfLogBinary.url.path)' top '\(dir.path)' --interval 250ms; echo top-exited-$?; sleep 60"
            try run(["new-session", "-d", "-s", "top", "-x", "\(columns)", "-y", "\(lines)", "sh", "-c", command])
        }

        deinit { try? run(["kill-server"]) }
    }

    @Test func theLiveScreenAgreesWithAnalyzeAndAnswersKeys() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "tmux is needed (apt-get install tmux)")
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try PerfLogBinary.run(["demo", "--dir", dir.path, "--events", "600", "--rate", "400"])
        #expect(demo.status == 0)

        let tmux = Tmux()
        try tmux.startTop(following: dir, columns: 160, lines: 50)
        var screen = try tmux.wait { $0.contains("perflog top") && $0.contains("api.") }
        let analyze = try PerfLogBinary.run(["analyze", dir.path, "--since", "1m", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(analyze.stdout.utf8)) as! [String: Any]
        let groups = try #require(json["latency"] as? [[String: Any]])
        let rows = TopCommandTests.rows(screen)
        #expect(rows.count == groups.count, "\(screen)")
        for g in groups {
            let op = try #require(g["op"] as? String)
            let row = try #require(rows[op], "\(op) not on screen:\n\(screen)")
            let count = (g["count"] as! NSNumber).doubleValue
            #expect(
                abs(row.perSecond * 60 - count) <= max(1, count * 0.02), "\(op): \(row.perSecond)/s vs \(count) events")
            let maxMs = (g["max_ms"] as! NSNumber).doubleValue
            #expect(abs(row.ms[3] - maxMs) <= maxMs * 0.001 + 0.05, "\(op) max")
            let p95 = (g["p95_ms"] as! NSNumber).doubleValue
            #expect(abs(row.ms[1] - p95) <= p95 * 0.005 + 0.05, "\(op) p95")
        }

        // n: by name.
        try tmux.run(["send-keys", "-t", "top", "n"])
        screen = try tmux.wait { $0.contains("sort name") }
        let names = Self.rowNames(screen)
        #expect(names == names.sorted() && names.count == groups.count, "\(screen)")

        // / db.* Enter: only the db rows.
        try tmux.run(["send-keys", "-t", "top", "/", "d", "b", ".", "*", "Enter"])
        screen = try tmux.wait { $0.contains("filter db.*") }
        let dbRows = Self.rowNames(screen)
        #expect(!dbRows.isEmpty && dbRows.allSatisfy { $0.hasPrefix("db.") }, "\(screen)")
        #expect(dbRows.count == groups.filter { ($0["op"] as! String).hasPrefix("db.") }.count)

        // A narrower window redraws to its width.
        try tmux.run(["resize-window", "-t", "top", "-x", "96", "-y", "30"])
        screen = try tmux.wait { s in
            s.split(separator: "\n").allSatisfy { $0.count <= 96 } && s.contains("filter db.*")
        }
        #expect(screen.split(separator: "\n").contains { $0.hasPrefix("  op ") })
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 96 })

        // q: top exits 0 and the terminal shows what it showed before.
        try tmux.run(["send-keys", "-t", "top", "q"])
        screen = try tmux.wait { $0.contains("top-exited-") }
        #expect(screen.contains("before-top"))
        #expect(screen.contains("top-exited-0"))
        #expect(!screen.contains("perflog top"))
    }

    /// SIGTERM (sent to the process) and Ctrl-C (typed on its terminal) end top with status 0 and
    /// leave the screen as it was before top started.
    @Test(arguments: ["SIGTERM", "Ctrl-C"]) func aSignalEndsTopAndRestoresTheTerminal(_ how: String) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "tmux is needed (apt-get install tmux)")
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try PerfLogBinary.run(["demo", "--dir", dir.path, "--events", "200", "--rate", "400"]).status == 0)

        let tmux = Tmux()
        try tmux.startTop(following: dir, columns: 120, lines: 40)
        var screen = try tmux.wait { $0.contains("perflog top") && $0.contains("api.") }
        #expect(screen.contains("perflog top"), "\(screen)")
        if how == "SIGTERM" {
            // The argument vector of top itself, not of the shell that started it (quoted there).
            let pkill = Process()
            pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            pkill.arguments = ["-TERM", "-f", "perflog top \(dir.path) --interval"]
            try pkill.run()
            pkill.waitUntilExit()
            #expect(pkill.terminationStatus == 0, "no top process found")
        } else {
            try tmux.run(["send-keys", "-t", "top", "C-c"])
        }
        screen = try tmux.wait { $0.contains("top-exited-") }
        #expect(screen.contains("top-exited-0"), "\(screen)")
        #expect(screen.contains("before-top"), "\(screen)")
        #expect(!screen.contains("perflog top"), "\(screen)")
    }

    /// The names of the table's rows on a screen, top to bottom.
    static func rowNames(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { TopCommandTests.rows(String($0)).keys.first }
    }
}
