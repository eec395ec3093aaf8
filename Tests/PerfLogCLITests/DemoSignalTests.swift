import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DemoSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func demoStopsCleanlyOnASignalWithNoTornLineAndEverySegmentCompressed(_ sig: Int32) throws {
        let dir = try PerfLogBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = PerfLogBinary.url
        p.arguments = ["demo", "--dir", dir.path, "--seconds", "60", "--rate", "5000", "--rotate-bytes", "16384"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until a few segments were rotated, then ask it to stop.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            if names.filter({ $0.hasSuffix(".gz") }).count >= 2 { break }
            usleep(20_000)
        }
        kill(p.processIdentifier, sig)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 0)
        #expect(stdout.hasPrefix("wrote "))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
        // Only compressed segments and the active file: no rotated segment left uncompressed.
        #expect(names.filter { !$0.hasSuffix(".log.gz") } == ["demo.log"])
        #expect(names.count >= 3)
        var text = ""
        for f in names.sorted() where f.hasSuffix(".gz") {
            let (status, plain) = try WriterCLIShell.run("gzip -t \(dir.path)/\(f) && zcat \(dir.path)/\(f)")
            #expect(status == 0, "\(f) is not a complete gzip file")
            text += plain
        }
        text += try String(contentsOf: dir.appendingPathComponent("demo.log"), encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
        let written = stdout.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        // Every event wrote at least one line (a request writes a plain line too).
        #expect(written.map { lines.count >= $0 } == true)
    }
}
