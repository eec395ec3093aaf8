import Foundation
import Testing

/// Runs the built `perflog` binary (and the writer's test driver, `perflog-writer-driver`) and
/// captures what it prints: the end-to-end harness every CLI test shares. The test target depends
/// on both executable targets, so SwiftPM builds them in the same build folder as the test bundle,
/// and those binaries are the ones run.
enum PerfLogBinary {
    /// The result of one run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A missing binary next to the test bundle.
    struct MissingBinary: Error, CustomStringConvertible {
        var path: String
        var description: String { "no binary at \(path): run the tests with `swift test`, which builds it" }
    }

    /// The build folder holding the test bundle and the executables SwiftPM built with it.
    static let buildFolder: URL = {
        #if canImport(Darwin)
            let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            return (bundle ?? Bundle.main.bundleURL).deletingLastPathComponent()
        #else
            return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
    }()

    /// Path of the `perflog` executable SwiftPM built with this test bundle.
    static let url = buildFolder.appendingPathComponent("perflog")

    /// Path of `perflog-writer-driver`, the writer's test driver, built with this test bundle.
    static let writerDriverURL = buildFolder.appendingPathComponent("perflog-writer-driver")

    /// Runs `perflog-writer-driver` with `arguments` and waits for it to end.
    static func runWriterDriver(_ arguments: [String]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: writerDriverURL.path) else {
            throw MissingBinary(path: writerDriverURL.path)
        }
        return try run(arguments, executable: writerDriverURL)
    }

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

    @Test func theShippedBinaryHasNoWriterDriverCommandAndTheDriverIsItsOwnTool() throws {
        // The generated manual lists hidden commands too: the driver must not be one.
        let manual = try PerfLogBinary.run(["--experimental-dump-help"])
        #expect(manual.status == 0)
        #expect(manual.stdout.contains(#""commandName" : "analyze""#), "\(manual.stdout.prefix(400))")
        #expect(!manual.stdout.contains("driver"))
        let driver = try PerfLogBinary.runWriterDriver(["--help"])
        #expect(driver.status == 0)
        #expect(driver.stdout.contains("USAGE: perflog-writer-driver [<options>] --dir <dir>"), "\(driver.stdout)")
    }
}
