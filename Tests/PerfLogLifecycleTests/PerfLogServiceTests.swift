import Foundation
import Logging
import PerfLog
import ServiceLifecycle
import Synchronization
import Testing

@testable import PerfLogLifecycle

/// A service that logs until graceful shutdown, then logs its in-flight work, like a server draining.
struct DrainingProducer: Service {
    let writer: RotatingFileWriter
    let state: ProducerState
    let drainLines: Int

    func run() async throws {
        await withGracefulShutdownHandler {
            while !state.stop.load(ordering: .relaxed) {
                write()
                await Task.yield()
            }
            for _ in 0..<drainLines { write() }
        } onGracefulShutdown: {
            state.stop.store(true, ordering: .relaxed)
        }
    }

    private func write() {
        let n = state.written.add(1, ordering: .relaxed).newValue
        var line = #"{"ts":"2026-12-02T10:00:00.000000Z","level":"info","logger":"app","msg":"line \#(n)"}"# + "\n"
        line.withUTF8 { writer.write(line: UnsafeRawBufferPointer($0)) }
    }
}

final class ProducerState: Sendable {
    let written = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
}

@Suite struct PerfLogServiceTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "perflog-lifecycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func closesTheWriterAfterTheOtherServicesDrainedSoNoLineIsLost() async throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try RotatingFileWriter(configuration: .init(directory: dir.path, name: "app"))
        let state = ProducerState()
        let closedAfter = Atomic<Int>(-1)
        let service = PerfLogService(writer: writer) {
            closedAfter.store(state.written.load(ordering: .relaxed), ordering: .relaxed)
        }
        let producer = DrainingProducer(writer: writer, state: state, drainLines: 500)
        let group = ServiceGroup(configuration: .init(services: [service, producer], logger: Self.quiet))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while state.written.load(ordering: .relaxed) < 200 { try await Task.sleep(for: .milliseconds(5)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let total = state.written.load(ordering: .relaxed)
        #expect(closedAfter.load(ordering: .relaxed) == total)
        let text = try String(contentsOf: dir.appendingPathComponent("app.log"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == total + 1)
        #expect(lines.last == "")
        #expect(lines.dropLast().enumerated().allSatisfy { $0.element.hasSuffix("\"msg\":\"line \($0.offset + 1)\"}") })
        let s = writer.statistics()
        #expect(s.linesAccepted == UInt64(total))
        #expect(s.linesDroppedByQueue == 0)
    }

    @Test func closesTheWriterWhenCancelled() async throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try RotatingFileWriter(configuration: .init(directory: dir.path, name: "app"))
        let task = Task { try await PerfLogService(writer: writer).run() }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let line = Array(#"{"msg":"after close"}"#.utf8) + [0x0A]
        line.withUnsafeBytes { writer.write(line: $0) }
        #expect(writer.statistics().linesAccepted == 0)
    }
}
