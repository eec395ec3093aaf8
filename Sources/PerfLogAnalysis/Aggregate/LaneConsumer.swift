import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reading stage between the input layer and the aggregators: splits each chunk into lines,
/// scans each line once, and records it into every lane (an aggregator behind its own filter)
/// whose filter it passes. Input accounting (lines, blank, malformed) goes to the first lane.
/// One per worker thread; the only consumer every analyzer command uses.
///
/// ```swift
/// let (consumers, summary) = reader.run { _ in LaneConsumer(lanes: [AnalysisLane(spec: spec)], filter: nil) }
/// ```
package final class LaneConsumer: ChunkConsumer {
    /// This worker's aggregators, one per lane.
    package let aggregators: [Aggregator]
    let shared: RecordFilter?
    let filters: [RecordFilter?]
    let fields: [[GroupField]]
    var scanner = LineScanner()

    /// - Parameters:
    ///   - lanes: the analyses (at least one).
    ///   - filter: the filter every lane shares (`nil`: none).
    package init(lanes: [AnalysisLane], filter: RecordFilter?) {
        precondition(!lanes.isEmpty, "LaneConsumer needs at least one lane")
        aggregators = lanes.map { Aggregator(spec: $0.spec) }
        shared = filter
        filters = lanes.map { $0.filter.flatMap { $0.isPassThrough ? nil : $0 } }
        fields = lanes.map { $0.spec.groupBy.map(GroupField.init) }
    }

    package func consume(_ chunk: LineChunk) -> Int {
        let bytes = chunk.bytes
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        // The hot loop works on locals, and on the first lane's state under one exclusive access
        // for the whole chunk: no per-line exclusivity checks or copies of the record. The
        // record points into the chunk and dies with this call.
        let shared = self.shared
        let filters = self.filters
        let fields = self.fields
        let aggregators = self.aggregators
        let firstFilter = filters[0]
        let firstFields = fields[0]
        let n = bytes.count
        var lines = 0
        aggregators[0].withState { first in
            // Declared inside the closure: captured from outside, the record was boxed and
            // copied (512 bytes) at every call that takes it.
            var scanner = self.scanner
            defer { self.scanner = scanner }
            var record = ScannedRecord()
            var start = 0
            var lineNumber = chunk.firstLine
            while start < n {
                let end: Int
                let outcome: ScanOutcome
                // A line of the writer's shape is read before its newline is searched for: its
                // `}` and the `\n` after it give its end.
                let shaped = scanner.scanWriterLine(
                    UnsafeRawBufferPointer(start: base + start, count: n - start), slack: chunk.slack, into: &record)
                if shaped > 0 {
                    end = start + shaped - 1
                    outcome = .record
                } else {
                    if let hit = memchr(base + start, 0x0A, n - start) {
                        end = UnsafeRawPointer(hit) - base
                    } else {
                        end = n
                    }
                    let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
                    // `scanWriterLine` tried the writer's shape: the general loop only.
                    outcome = scanner.scan(line, slack: n - end + chunk.slack, into: &record, writerShape: false)
                }
                first.countLine()
                switch outcome {
                case .blank:
                    first.countBlank()
                case .malformed(let why):
                    first.countMalformed(
                        sourceIndex: chunk.sourceIndex, line: lineNumber, byteOffset: chunk.byteOffset + UInt64(start),
                        reason: why.description)
                case .record:
                    if record.event == .other && LaneConsumer.isRecoveredRecord(record.eventRaw) {
                        first.countRecovered(bytes: record.number(at: LaneConsumer.bytesPath))
                    }
                    if first.census.isActive { first.census.observe(&record) }
                    if shared == nil || shared!.matches(record: &record) {
                        if firstFilter == nil || firstFilter!.matches(record: &record) {
                            first.record(scanned: &record, fields: firstFields)
                        }
                        for i in aggregators.indices.dropFirst()
                        where filters[i] == nil || filters[i]!.matches(record: &record) {
                            let laneFields = fields[i]
                            aggregators[i].withState { $0.record(scanned: &record, fields: laneFields) }
                        }
                    }
                }
                start = end + 1
                lines += 1
                lineNumber = lineNumber.map { $0 + 1 }
            }
        }
        return lines
    }

    static let bytesPath = FieldPath("bytes")

    /// Whether an `event` value is `"recovered"` (a writer's record of a torn line it cut).
    @inline(__always)
    static func isRecoveredRecord(_ event: JSONValueRef?) -> Bool {
        guard let e = event, e.kind == .string, e.raw.count == 9 else { return false }
        return memcmp(e.raw.baseAddress!, "recovered", 9) == 0
    }

    package func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        aggregators[0].countLine()
        aggregators[0].countMalformed(
            sourceIndex: sourceIndex, line: line, byteOffset: byteOffset,
            reason: "line of \(length) bytes is longer than the cap (--max-line-bytes)")
    }
}
