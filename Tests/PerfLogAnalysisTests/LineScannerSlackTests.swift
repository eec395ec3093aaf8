@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// `LineScanner.scan(_:slack:into:)` loads up to `slack` bytes past the line (16-byte string
/// steps, the learned key order's 16-byte key match). Whatever those bytes hold, the outcome and
/// every extracted field must equal the unpadded scan's.
@Suite struct LineScannerSlackTests {
    static let lines = [
        #"{"ts":"2026-11-28T00:00:00.027979Z","level":"info","logger":"tta.api","msg":"done","event":"perf","op":"api.POST /api/v1/chat/message","duration_ms":23.468,"outcome":"success","status":200,"meta":{"request_id":"6513270e","user_id":"u04943"}}"#,
        #"{"ts":"2026-11-28T00:00:00.089640Z","level":"info","logger":"tta.app","msg":"session started","meta":{"request_id":"6b0d549b","user_id":"u14209"}}"#,
        #"{"op":"db.q","event":"perf","duration_ms":1.5,"ts":"2026-11-28T00:00:01.000000Z","outcome":"error","error":"Timeout","msg":"a \"quoted\" \\ msg\u0041"}"#,
        #"{"event":"slow_query","op":"db.q","query":"SELECT * FROM t WHERE id = ?","duration_ms":250,"threshold_ms":100,"level":"warning"}"#,
        #"{"timestamp":"2026-11-28T00:00:00Z","message":{"event_type":"perf","metrics":{"duration":0.25}}}"#,
        #"{ "ts" : "2026-11-28T00:00:00.000000Z" , "op" : "x" , "duration_ms" : 5 }"#,
        #"{"status":"503","op":"a-very-long-operation-name-that-spans-several-sixteen-byte-steps/and/more","duration_ms":"7"}"#,
        #"{}"#,
        "   ",
    ]

    /// Everything a scan produced, as text.
    static func summary(_ outcome: ScanOutcome, _ r: ScannedRecord) -> String {
        guard case .record = outcome else { return "\(outcome)" }
        func s(_ v: JSONValueRef?) -> String { v.map { "\($0.kind):\($0.string)" } ?? "-" }
        return [
            "\(r.timestamp.map { "\($0.microseconds)" } ?? "-")", "\(r.level.map { "\($0)" } ?? "-")", s(r.logger),
            s(r.msg),
            "\(r.event)", s(r.eventRaw), s(r.op), "\(r.durationMs.map { "\($0)" } ?? "-")", s(r.outcome),
            "\(r.isError)",
            s(r.error), "\(r.status.map { "\($0)" } ?? "-")", s(r.query), "\(r.thresholdMs.map { "\($0)" } ?? "-")",
            s(r.meta),
            "\(r.source)",
        ].joined(separator: "|")
    }

    /// Scans `line` as the only bytes, then followed by each kind of slack, with one scanner that
    /// keeps its learned key order across calls and a fresh one.
    static func check(_ line: [UInt8], rest: [UInt8], learned: inout LineScanner) {
        var plainScanner = LineScanner()
        var record = ScannedRecord()
        let expected = line.withUnsafeBytes { summary(plainScanner.scan($0, into: &record), record) }
        let paddings: [[UInt8]] = [
            rest,  // the rest of the real line: a truncated key or string would find its end there
            [UInt8](repeating: 0x22, count: 64),
            [UInt8](repeating: 0x5C, count: 64),
            [UInt8](repeating: 0x00, count: 64),
            Array(#"s":"2026-11-28T00:00:00.000000Z","level":"info","op":"x"}"#.utf8),
        ]
        for padding in paddings {
            let buffer = line + padding + [UInt8](repeating: 0x41, count: 64)
            for scannerIndex in 0..<2 {
                var fresh = LineScanner()
                let got = buffer.withUnsafeBytes { all -> String in
                    let view = UnsafeRawBufferPointer(rebasing: all[0..<line.count])
                    let outcome =
                        scannerIndex == 0
                        ? learned.scan(view, slack: all.count - line.count, into: &record)
                        : fresh.scan(view, slack: all.count - line.count, into: &record)
                    return summary(outcome, record)
                }
                #expect(
                    got == expected, "line \(String(decoding: line, as: UTF8.self)) padded with \(padding.prefix(8))")
            }
        }
    }

    @Test func everyPrefixOfEveryLineScansAlikeWithAndWithoutSlack() {
        var learned = LineScanner()
        for text in LineScannerSlackTests.lines {
            let full = Array(text.utf8)
            for cut in 0...full.count {
                LineScannerSlackTests.check(Array(full[0..<cut]), rest: Array(full[cut...]), learned: &learned)
            }
        }
    }

    @Test func aLearnedKeyOrderNeverChangesWhatIsRead() {
        // Alternate two key orders and a line whose keys are prefixes of known ones (`o`, `st`),
        // so that the guessed key is wrong again and again.
        var learned = LineScanner()
        var record = ScannedRecord()
        let a = #"{"ts":"2026-11-28T00:00:00.000000Z","op":"a","duration_ms":1,"outcome":"success","meta":{}}"#
        let b = #"{"ts":"2026-11-28T00:00:00.000001Z","outcome":"error","op":"b","duration_ms":2,"status":500}"#
        let c = #"{"ts":"2026-11-28T00:00:00.000002Z","o":"x","st":1,"op":"c","durations_ms":3,"duration_ms":4}"#
        for i in 0..<30 {
            for text in [a, b, c] where i % 3 != 2 || text != b {
                var fresh = LineScanner()
                let bytes = Array(text.utf8)
                let expected = bytes.withUnsafeBytes {
                    LineScannerSlackTests.summary(fresh.scan($0, into: &record), record)
                }
                let got = bytes.withUnsafeBytes {
                    LineScannerSlackTests.summary(learned.scan($0, into: &record), record)
                }
                #expect(got == expected)
            }
        }
        let bytes = Array(c.utf8)
        _ = bytes.withUnsafeBytes { learned.scan($0, into: &record) }
        #expect(record.op?.string == "c")
        #expect(record.durationMs == 4)
        #expect(record.outcome == nil)
        #expect(record.status == nil)
    }
}
