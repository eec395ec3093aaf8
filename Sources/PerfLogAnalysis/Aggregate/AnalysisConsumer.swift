#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerfLog

/// The reading stage between the input layer and the aggregator: splits each chunk into lines,
/// scans them, applies the filter and records what passes. One per worker thread.
///
/// ```swift
/// let (consumers, summary) = reader.run { _ in AnalysisConsumer(spec: spec, filter: filter) }
/// ```
public final class AnalysisConsumer: ChunkConsumer {
    /// This worker's statistics.
    public let aggregator: Aggregator
    let filter: RecordFilter?
    let fields: [GroupField]
    var scanner = LineScanner()
    var record = ScannedRecord()

    /// - Parameters:
    ///   - spec: what to compute.
    ///   - filter: which records count (`nil`: all of them).
    public init(spec: AnalysisSpec, filter: RecordFilter?) {
        aggregator = Aggregator(spec: spec)
        self.filter = filter
        fields = spec.groupBy.map(GroupField.init)
    }

    public func consume(_ chunk: LineChunk) -> Int {
        let bytes = chunk.bytes
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        // Work on locals for the whole chunk: one exclusive access instead of several per line.
        var scanner = self.scanner
        var record = self.record
        defer {
            self.scanner = scanner
            self.record = ScannedRecord()
        }
        let filter = self.filter
        let fields = self.fields
        var lines = 0
        aggregator.withState { state in
            let n = bytes.count
            var start = 0
            var lineNumber = chunk.firstLine
            while start < n {
                let end: Int
                if let hit = memchr(base + start, 0x0A, n - start) {
                    end = UnsafeRawPointer(hit) - base
                } else {
                    end = n
                }
                let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
                state.countLine()
                switch scanner.scan(line, slack: n - end + chunk.slack, into: &record) {
                case .blank:
                    state.countBlank()
                case .malformed(let why):
                    state.countMalformed(
                        sourceIndex: chunk.sourceIndex, line: lineNumber, byteOffset: chunk.byteOffset + UInt64(start),
                        reason: why.description)
                case .record:
                    if filter == nil || filter!.matches(record) {
                        state.record(scanned: record, fields: fields)
                    }
                }
                start = end + 1
                lines += 1
                lineNumber = lineNumber.map { $0 + 1 }
            }
        }
        return lines
    }

    public func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        aggregator.countLine()
        aggregator.countMalformed(sourceIndex: sourceIndex, line: line, byteOffset: byteOffset,
                                  reason: "line of \(length) bytes is longer than the cap (--max-line-bytes)")
    }
}
