import FuzzSupport
import PerfLog
import PerfLogAnalysis

/// Fuzzes the time parsers: `Timestamp(bytes:)`, `TimeSpec.parse` (absolute, date-only and
/// relative forms) and `DurationSpec`. Invariant: a timestamp that parses re-encodes to 27 bytes
/// that parse back to the same instant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let ts = Timestamp(bytes: bytes) {
        var out = [UInt8](repeating: 0, count: Timestamp.encodedLength)
        let n = out.withUnsafeMutableBytes { ts.write(into: $0.baseAddress!) }
        fuzzCheck(n == Timestamp.encodedLength, "encoded length \(n)")
        // Instants far outside years 0000-9999 cannot round-trip through four year digits.
        if ts.microseconds > -62_135_596_800_000_000 && ts.microseconds < 253_402_300_800_000_000 {
            let back = out.withUnsafeBytes { Timestamp(bytes: $0) }
            fuzzCheck(back == ts, "timestamp round trip: \(String(decoding: out, as: UTF8.self))")
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let now = Timestamp(microseconds: 1_795_860_000_000_000)
    _ = try? TimeSpec.parse(text, now: now, argument: "--since")
    if let ms = try? DurationSpec.parseMilliseconds(text, argument: "--threshold") {
        fuzzCheck(ms.isFinite && ms >= 0, "duration \(ms)")
    }
    if let us = try? DurationSpec.parseInterval(text, argument: "--every") {
        fuzzCheck(us >= 1, "interval \(us)")
    }
    return 0
}
