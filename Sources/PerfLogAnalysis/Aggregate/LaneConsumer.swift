#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerfLog

/// Like ``AnalysisConsumer``, but records each scanned line into several aggregators (lanes),
/// each behind its own filter: one scan, several analyses. Input accounting (lines, blank,
/// malformed) goes to the first lane only. One per worker thread.
public final class LaneConsumer: ChunkConsumer {
    /// This worker's aggregators, one per lane.
    public let aggregators: [Aggregator]
    let shared: RecordFilter?
    let filters: [RecordFilter?]
    let fields: [[GroupField]]
    var scanner = LineScanner()
    var record = ScannedRecord()

    /// - Parameters:
    ///   - lanes: the analyses (at least one).
    ///   - filter: the filter every lane shares (`nil`: none).
    public init(lanes: [AnalysisLane], filter: RecordFilter?) {
        precondition(!lanes.isEmpty, "LaneConsumer needs at least one lane")
        aggregators = lanes.map { Aggregator(spec: $0.spec) }
        shared = filter
        filters = lanes.map { $0.filter.flatMap { $0.isPassThrough ? nil : $0 } }
        fields = lanes.map { $0.spec.groupBy.map(GroupField.init) }
    }

    public func consume(_ chunk: LineChunk) -> Int {
        let bytes = chunk.bytes
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        // The record points into the chunk: drop it with the chunk.
        defer { record = ScannedRecord() }
        let n = bytes.count
        var start = 0
        var lineNumber = chunk.firstLine
        var lines = 0
        while start < n {
            let end: Int
            if let hit = memchr(base + start, 0x0A, n - start) {
                end = UnsafeRawPointer(hit) - base
            } else {
                end = n
            }
            process(
                UnsafeRawBufferPointer(start: base + start, count: end - start), chunk: chunk, line: lineNumber,
                offset: chunk.byteOffset + UInt64(start))
            start = end + 1
            lines += 1
            lineNumber = lineNumber.map { $0 + 1 }
        }
        return lines
    }

    public func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        aggregators[0].countLine()
        aggregators[0].countMalformed(
            sourceIndex: sourceIndex, line: line, byteOffset: byteOffset,
            reason: "line of \(length) bytes is longer than the cap (--max-line-bytes)")
    }

    private func process(_ line: UnsafeRawBufferPointer, chunk: LineChunk, line number: Int?, offset: UInt64) {
        let first = aggregators[0]
        first.countLine()
        let slack = (chunk.bytes.count - (line.baseAddress! - chunk.bytes.baseAddress!) - line.count) + chunk.slack
        switch scanner.scan(line, slack: slack, into: &record) {
        case .blank:
            first.countBlank()
        case .malformed(let why):
            first.countMalformed(sourceIndex: chunk.sourceIndex, line: number, byteOffset: offset, reason: why.description)
        case .record:
            if let shared, !shared.matches(record) { return }
            for i in aggregators.indices {
                if let f = filters[i], !f.matches(record) { continue }
                let fields = self.fields[i]
                aggregators[i].withState { state in state.record(scanned: record, fields: fields) }
            }
        }
    }
}
