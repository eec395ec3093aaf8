import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects the spans of one trace from lines: `perf` events whose `meta.trace_id` is the trace
/// become ``TraceSpan``s; other lines carrying the id (plain log lines, `slow_query` records) are
/// counted. Lines that do not contain the id's bytes are skipped without being parsed.
///
/// ```swift
/// let reader = InputReader(sources: try InputResolver.resolve(paths), options: InputOptions())
/// let (collectors, summary) = reader.run { _ in TraceCollector(traceID: id) }
/// let tree = TraceTree(spans: collectors.flatMap(\.spans))
/// ```
package final class TraceCollector: ChunkConsumer {
    /// The trace id searched, as written (32 lowercase hex digits).
    package let traceID: String
    /// The trace's spans, in the order read by this consumer.
    package private(set) var spans: [TraceSpan] = []
    /// Other lines of the trace (plain log lines, slow-query records, events without a span id).
    package private(set) var otherLines = 0
    /// Lines containing the id that are not one JSON object.
    package private(set) var malformedLines = 0
    /// Lines skipped for being longer than the line cap.
    package private(set) var oversizedLines = 0

    private let needle: [UInt8]
    private var scanner = LineScanner()
    private var record = ScannedRecord()
    private static let traceIDPath = FieldPath("meta.trace_id")
    private static let spanIDPath = FieldPath("meta.span_id")
    private static let parentPath = FieldPath("meta.parent_span_id")

    /// Creates a collector for `traceID`.
    package init(traceID: String) {
        self.traceID = traceID
        needle = Array(traceID.utf8)
    }

    package func consume(_ chunk: LineChunk) -> Int {
        var lines = 0
        guard let base = chunk.bytes.baseAddress else { return 0 }
        var start = 0
        let count = chunk.bytes.count
        while start < count {
            let rest = count - start
            let nl = memchr(base + start, 0x0A, rest)
            let end = nl.map { UnsafeRawPointer($0) - base } ?? count
            if nl != nil { lines += 1 }
            let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
            if contains(line) { take(line) }
            start = end + 1
        }
        return lines
    }

    package func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        oversizedLines += 1
    }

    private func contains(_ line: UnsafeRawBufferPointer) -> Bool {
        guard !needle.isEmpty, line.count >= needle.count, let base = line.baseAddress else { return false }
        return needle.withUnsafeBytes { n in
            let first = Int32(n[0])
            var at = 0
            let last = line.count - n.count
            while at <= last, let hit = memchr(base + at, first, last - at + 1) {
                at = UnsafeRawPointer(hit) - base
                if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                at += 1
            }
            return false
        }
    }

    private func take(_ line: UnsafeRawBufferPointer) {
        switch scanner.scan(line, into: &record) {
        case .blank: return
        case .malformed:
            malformedLines += 1
            return
        case .record: break
        }
        guard let id = record.value(at: Self.traceIDPath), id.kind == .string, id.string == traceID else { return }
        guard record.event == .perf, let span = record.value(at: Self.spanIDPath), span.kind == .string,
            let end = record.timestamp
        else {
            otherLines += 1
            return
        }
        let parent = record.value(at: Self.parentPath).flatMap { $0.kind == .string ? $0.string : nil }
        spans.append(
            TraceSpan(
                spanID: span.string, parentSpanID: parent, op: record.op?.string ?? "-",
                durationMs: record.durationMs ?? 0, status: record.status, isError: record.isError,
                error: record.error?.string, end: end))
    }
}
