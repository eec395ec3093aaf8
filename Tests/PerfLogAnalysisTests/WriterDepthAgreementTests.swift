import Logging
@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// What the writer writes the analyzer reads: metadata nested past the writer's cap is cut to a
/// marker well inside the scanner's nesting limit.
@Suite struct WriterDepthAgreementTests {
    @Test(arguments: [LineEncoder.maxMetadataDepth, 511, 512, 600, 1000])
    func deeplyNestedMetadataWrittenByTheEncoderIsARecordForTheScanner(_ levels: Int) {
        var v = Logger.Metadata.Value.string("leaf")
        for _ in 0..<levels { v = .dictionary(["k": v]) }
        let line = LineEncoder.encodeLine(
            PerfEvent(
                level: .info, logger: "t", message: "m", event: "perf", op: "x", durationMs: 2, metadata: ["k": v]))
        var scanner = LineScanner()
        var record = ScannedRecord()
        let outcome = line.dropLast().withUnsafeBytes { scanner.scan($0, slack: 0, into: &record) }
        guard case .record = outcome else {
            Issue.record("\(levels) levels: \(outcome)")
            return
        }
        #expect(record.durationMs == 2)
    }
}
