import Foundation
import Testing

/// Runs the built `perflog` binary and captures what it prints: the end-to-end harness every CLI
/// test shares. The test target depends on the `perflog` target, so SwiftPM builds the binary in
/// the same build folder as the test bundle, and that binary is the one run.
enum PerfLogBinary {
    /// The result of one run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A missing `perflog` binary next to the test bundle.
    struct MissingBinary: Error, CustomStringConvertible {
        var path: String
        var description: String { "no perflog binary at \(path): run the tests with `swift test`, which builds it" }
    }

    /// Path of the `perflog` executable SwiftPM built with this test bundle.
    static let url: URL = {
        #if canImport(Darwin)
            let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            let buildFolder = (bundle ?? Bundle.main.bundleURL).deletingLastPathComponent()
        #else
            let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
        return buildFolder.appendingPathComponent("perflog")
    }()

    /// Runs `perflog` (or `executable`) with `arguments` (and `stdin`, if given), in `directory` if given.
    static func run(
        _ arguments: [String], stdin: Data? = nil, directory: URL? = nil, environment: [String: String]? = nil,
        executable: URL? = nil
    ) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw MissingBinary(path: url.path) }
        let p = Process()
        p.executableURL = executable ?? url
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        let inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin == nil ? FileHandle.nullDevice : inp
        try p.run()
        if let stdin {
            inp.fileHandleForWriting.write(stdin)
            try inp.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a large output cannot deadlock the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return Run(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller with `try? FileManager.default.removeItem(at:)`.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("perflog-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite struct PerfLogBinaryTests {
    @Test func helpListsEverySubcommandAndTheExitCodes() throws {
        let r = try PerfLogBinary.run(["--help"])
        #expect(r.status == 0)
        for sub in ["analyze", "slow", "errors", "tail", "top", "check", "diff", "report", "trace", "compress", "demo"]
        {
            #expect(r.stdout.contains(sub))
        }
        #expect(r.stdout.contains("3 the input was incomplete"))
    }
}
