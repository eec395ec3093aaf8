import Foundation
import Logging
import Testing

@_spi(Internals) @testable import PerfLog

/// Metadata nested without bound never crashes the app that logs it, and what is written stays
/// within what readers accept.
@Suite struct DeepMetadataTests {
    /// `{"k": {"k": … "leaf" …}}`, `levels` dictionaries deep.
    static func nested(_ levels: Int) -> Logger.Metadata.Value {
        var v = Logger.Metadata.Value.string("leaf")
        for i in 0..<levels { v = i % 2 == 0 ? .dictionary(["k": v]) : .array([v]) }
        return v
    }

    /// Runs `body` on a thread with a `stackBytes` stack and waits for it.
    static func onSmallStack(_ stackBytes: Int, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let t = Thread {
            body()
            done.signal()
        }
        t.stackSize = stackBytes
        t.start()
        done.wait()
    }

    @Test func metadataNestedDeeplyIsCutToAMarkerOnASmallStack() {
        let value = Self.nested(2000)
        nonisolated(unsafe) var line: [UInt8] = []
        Self.onSmallStack(512 * 1024) {
            let event = PerfEvent(
                timestamp: LineTestSupport.fixedTS, level: .info, logger: "t", message: "m", metadata: ["deep": value])
            line = LineEncoder.encodeLine(event)
        }
        let text = LineTestSupport.string(line)
        let depth = LineEncoder.maxMetadataDepth
        // `meta` is level 1; levels 2…depth hold the value's outer objects and arrays; the rest is the marker.
        let levels = (0..<(depth - 1)).map { 1999 - $0 }  // outermost first, as `nested` built them
        var expected = ""
        for i in levels { expected += i % 2 == 0 ? "{\"k\":" : "[" }
        expected += "\"[TOO DEEP]\""
        for i in levels.reversed() { expected += i % 2 == 0 ? "}" : "]" }
        #expect(
            text == #"{"ts":"2026-11-28T10:00:00.123456Z","level":"info","logger":"t","msg":"m","meta":{"deep":"#
                + expected + "}}\n")
        #expect(LineTestSupport.json(text) != nil)
    }

    /// Holds a value the test takes apart itself.
    final class Box: @unchecked Sendable {
        // @unchecked Sendable: used by one thread at a time (the test waits for the other).
        var value: Logger.Metadata.Value?
        init(_ value: Logger.Metadata.Value) { self.value = value }
    }

    @Test func aHundredThousandLevelsThroughTheLogHandlerDoNotCrash() {
        let box = Box(Self.nested(100_000))
        let sink = InMemorySink()
        Self.onSmallStack(512 * 1024) {
            let logger = Logger(label: "t") { PerfLogHandler(label: $0, sink: sink) }
            logger.info("deep", metadata: ["deep": box.value!])
        }
        #expect(sink.lines.count == 1)
        #expect(sink.lines.first?.contains("\"[TOO DEEP]\"") == true)
        Self.dismantle(box)
    }

    /// Releases a deep value level by level: Swift releases nested enums recursively, which a
    /// value this deep would overflow (the test's own cleanup, not the encoder's concern).
    static func dismantle(_ box: Box) {
        var current = box.value
        box.value = nil
        while let v = current {
            current = nil
            switch v {
            case .dictionary(let d): current = d["k"]
            case .array(let a): current = a.first
            default: break
            }
        }
    }
}
