import FuzzSupport
@_spi(Internals) import PerfLogAnalysis

/// Fuzzes the `--where` parser and evaluator. The input is split at the first newline: the part
/// before is the expression, the part after a JSON line it is evaluated against (so the fuzzer
/// explores both grammar and values). A parse error must carry a column inside the expression.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let nl = bytes.firstIndex(of: 0x0A) ?? size
    let exprText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<nl]), as: UTF8.self)
    let expression: WhereExpression
    do {
        expression = try WhereExpression(parsing: exprText)
    } catch {
        fuzzCheck(
            error.column >= 1 && error.column <= exprText.count + 1,
            "column \(error.column) for \(exprText.count) characters")
        _ = error.description
        return 0
    }
    let defaultLine =
        #"{"ts":"2026-11-28T10:00:00.000000Z","level":"error","logger":"l","msg":"m","event":"perf","op":"db.q","duration_ms":12.5,"outcome":"error","error":"E","status":503,"meta":{"a":{"b":[1,2]},"user":"x"}}"#
    var line: [UInt8] = nl < size ? Array(bytes[(nl + 1)...]) : Array(defaultLine.utf8)
    line.append(0x0A)
    line.withUnsafeBytes { raw in
        var scanner = LineScanner()
        var record = ScannedRecord()
        _ = scanner.scan(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 1)]), into: &record)
        _ = expression.evaluate(record)
    }
    _ = expression.description
    return 0
}
