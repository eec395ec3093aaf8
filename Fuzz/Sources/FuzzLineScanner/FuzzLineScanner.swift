import FuzzSupport
import PerfLog
@_spi(Internals) import PerfLogAnalysis

/// Fuzzes `LineScanner.scan` and every `ScannedRecord` lookup, including paths inside `meta`
/// and unknown top-level keys. The input is scanned whole (one line, however many `\n` it holds)
/// and then line by line, with the default and a tiny nesting limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var scanner = LineScanner()
    var shallow = LineScanner(maxDepth: 2)
    var record = ScannedRecord()
    exercise(&scanner, bytes, &record)
    exercise(&shallow, bytes, &record)
    var start = 0
    for i in 0..<size where bytes[i] == 0x0A {
        exercise(&scanner, UnsafeRawBufferPointer(rebasing: bytes[start...i]), &record)
        start = i + 1
    }
    if start < size { exercise(&scanner, UnsafeRawBufferPointer(rebasing: bytes[start...]), &record) }
    compareWithSlack(bytes)
    compareLineReadBeforeItsEnd(bytes)
    return 0
}

/// `scanWriterLine` reads the input's first line before its end is known (the input standing for
/// the rest of a chunk): when it takes the line, its length and fields must be those of the line
/// up to its first `\n`, scanned.
func compareLineReadBeforeItsEnd(_ bytes: UnsafeRawBufferPointer) {
    var buffer = Array(bytes)
    buffer.append(contentsOf: [UInt8](repeating: 0x22, count: 64))
    buffer.withUnsafeBytes { all in
        var speculative = LineScanner()
        var reference = LineScanner()
        var a = ScannedRecord()
        var b = ScannedRecord()
        let view = UnsafeRawBufferPointer(rebasing: all[0..<bytes.count])
        let length = speculative.scanWriterLine(view, slack: 64, into: &a)
        guard length > 0 else { return }
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
        fuzzCheck(length == end + 1, "scanWriterLine took \(length) bytes of a line of \(end)")
        let outcome = reference.scan(UnsafeRawBufferPointer(rebasing: all[0..<end]), slack: all.count - end, into: &b)
        fuzzCheck(outcome == .record, "scanWriterLine took a line scan reads as \(outcome)")
        fuzzCheck(
            a.op?.string == b.op?.string && a.msg?.string == b.msg?.string && a.meta?.string == b.meta?.string
                && a.logger?.string == b.logger?.string && a.outcome?.string == b.outcome?.string
                && a.error?.string == b.error?.string && a.durationMs == b.durationMs && a.status == b.status
                && a.timestamp == b.timestamp && a.level == b.level && a.isError == b.isError && a.event == b.event
                && a.line.count == b.line.count, "scanWriterLine read different fields")
    }
}

/// The padded scan (`scan(_:slack:into:)`, which loads past the line) must give the same outcome
/// and fields as the plain one, whatever the padding holds: here quotes, backslashes and the
/// input itself again; and so must the padded scan without the writer-shape pass (every line
/// through the general loop).
func compareWithSlack(_ line: UnsafeRawBufferPointer) {
    var plain = LineScanner()
    var padded = LineScanner()
    var general = LineScanner()
    general.readsWriterShape = false
    var a = ScannedRecord()
    var b = ScannedRecord()
    let expected = plain.scan(line, into: &a)
    for fill: [UInt8] in [[0x22], [0x5C], [0x22, 0x3A], Array(line.prefix(32))] where !fill.isEmpty {
        var buffer = Array(line)
        while buffer.count < line.count + 64 { buffer.append(contentsOf: fill) }
        for pass in 0..<2 {
            buffer.withUnsafeBytes { all in
                let view = UnsafeRawBufferPointer(rebasing: all[0..<line.count])
                let got =
                    pass == 0
                    ? padded.scan(view, slack: all.count - line.count, into: &b)
                    : general.scan(view, slack: all.count - line.count, into: &b)
                fuzzCheck(got == expected, "padded scan \(got) != plain scan \(expected)")
                if case .record = got {
                    fuzzCheck(
                        a.op?.string == b.op?.string && a.msg?.string == b.msg?.string
                            && a.meta?.string == b.meta?.string,
                        "padded scan read different strings")
                    fuzzCheck(
                        a.durationMs == b.durationMs && a.status == b.status && a.timestamp == b.timestamp
                            && a.isError == b.isError && a.event == b.event && a.level == b.level
                            && a.logger?.string == b.logger?.string && a.outcome?.string == b.outcome?.string
                            && a.error?.string == b.error?.string, "padded scan read different values")
                }
            }
        }
    }
}

let paths = [
    "ts", "level", "logger", "msg", "event", "op", "duration_ms", "outcome", "error", "status", "query",
    "threshold_ms", "meta", "meta.trace_id", "meta.a.b", "meta.a.b.c", "meta.0", "meta.", "timestamp",
    "message.metrics.duration", "x", "", "a.b.c.d.e",
].map(FieldPath.init)

func exercise(_ scanner: inout LineScanner, _ line: UnsafeRawBufferPointer, _ record: inout ScannedRecord) {
    switch scanner.scan(line, into: &record) {
    case .blank:
        return
    case .malformed(let reason):
        _ = "\(reason)"
        return
    case .record:
        break
    }
    for path in paths {
        if let v = record.value(at: path) {
            // Every value but the parsed level and converted seed numbers points into the line.
            let synthesized =
                record.source != .v1 || ["level", "duration_ms", "threshold_ms"].contains(path.description)
            if !synthesized, let b = v.raw.baseAddress, let lb = line.baseAddress, v.raw.count > 0 {
                fuzzCheck(b >= lb && b + v.raw.count <= lb + line.count, "value of \(path) outside its line")
            }
            _ = v.string
            _ = v.number
        }
        _ = record.number(at: path)
    }
    for ref in [record.logger, record.msg, record.op, record.outcome, record.error, record.query, record.meta] {
        if let ref { _ = ref.string }
    }
}
