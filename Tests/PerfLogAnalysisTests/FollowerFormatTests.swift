import Testing

@_spi(Internals) @testable import PerfLog
@_spi(Internals) @testable import PerfLogAnalysis

/// `perflog tail`'s line rendering: aligned fields, colours by level, nothing that can drive a terminal.
@Suite struct FollowerFormatTests {
    static func human(_ lines: [String], color: Bool = false) -> [String] {
        var f = TailFormatter(color: color)
        var scanner = LineScanner()
        var record = ScannedRecord()
        var out: [String] = []
        for l in lines {
            var s = l
            s.withUTF8 { b in
                let raw = UnsafeRawBufferPointer(b)
                if case .record = scanner.scan(raw, into: &record) {
                    out.append(f.human(record))
                } else {
                    out.append(f.unreadable(raw))
                }
            }
        }
        return out
    }

    @Test func fieldsAreAlignedWithUnits() {
        let got = Self.human([
            #"{"ts":"2026-11-28T10:00:00.123456Z","level":"info","logger":"tta.api","msg":"GET done","event":"perf","op":"api.GET /x","duration_ms":41.155,"outcome":"success","status":200}"#,
            #"{"ts":"2026-11-28T10:00:01.000000Z","level":"warning","logger":"tta.db","msg":"slow","event":"perf","op":"db.q","duration_ms":12345.6,"outcome":"error","error":"Timeout","status":503}"#,
        ])
        #expect(
            got == [
                "2026-11-28 10:00:00.123 INFO     tta.api  api.GET /x   41.155ms 200 GET done",
                "2026-11-28 10:00:01.000 WARNING  tta.db   db.q           12.35s 503 slow error=Timeout",
            ])
    }

    @Test func metricLinesShowTheirValues() {
        let got = Self.human([
            #"{"ts":"2026-11-28T10:00:10.000000Z","level":"info","logger":"metrics","msg":"hb.requests POST /chat","event":"counter","op":"hb.requests POST /chat","status":500,"interval_ms":10000,"delta":20,"total":344}"#,
            #"{"ts":"2026-11-28T10:00:10.000000Z","level":"info","logger":"r","msg":"resources","event":"resource","op":"process","interval_ms":10000,"cpu_percent":12.5,"rss_bytes":1000,"threads":3,"open_fds":7,"load1":0.5}"#,
        ])
        #expect(
            got == [
                "2026-11-28 10:00:10.000 INFO     metrics  hb.requests POST /chat            500 hb.requests POST /chat delta=20 total=344",
                "2026-11-28 10:00:10.000 INFO     r        process                           resources cpu_percent=12.5 rss_bytes=1000 threads=3 open_fds=7 load1=0.5",
            ])
    }

    @Test func controlCharactersAndEscapeSequencesNeverReachTheTerminal() {
        let hostile =
            #"{"ts":"2026-11-28T10:00:00.000000Z","level":"error","logger":"a\u001b[2Jb","msg":"x\u001b]0;title\u0007\r\nforged line\u202e","op":"o\u009bp"}"#
        let got = Self.human([hostile, "not json \u{1B}[31m red\u{7}"])
        for line in got {
            #expect(
                !line.unicodeScalars.contains {
                    $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || $0.value == 0x202E
                })
        }
        #expect(got[0].contains(#"a\x1B[2Jb"#))
        #expect(got[0].contains(#"x\x1B]0;title\x07\x0D\x0Aforged line"#))
        #expect(got[1] == #"not json \x1B[31m red\x07"#)
    }

    @Test func colourMarksOnlyTheLevel() {
        let line = #"{"ts":"2026-11-28T10:00:00.000000Z","level":"critical","logger":"l","msg":"m"}"#
        let got = Self.human([line], color: true)
        #expect(got == ["2026-11-28 10:00:00.000 \u{1B}[1;31mCRITICAL\u{1B}[0m l m"])
    }

    @Test func rawLinesKeepValidJSONAndEscapeRawControlBytes() {
        func raw(_ s: String) -> String {
            var out: [UInt8] = []
            var s = s
            s.withUTF8 { TailFormatter.raw(UnsafeRawBufferPointer($0), into: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        let valid = #"{"msg":"a\u001bb","op":"é"}"#
        #expect(raw(valid) == valid)
        #expect(raw("{\"msg\":\"\u{1B}[2J\u{7F}\"}") == #"{"msg":"\u001b[2J\u007f"}"#)
    }

    @Test func durationsUseMillisecondsThenSeconds() {
        #expect(TailFormatter.duration(0) == "0.000ms")
        #expect(TailFormatter.duration(41.1555) == "41.156ms")
        #expect(TailFormatter.duration(9999.9994) == "9999.999ms")
        #expect(TailFormatter.duration(12345.6) == "12.35s")
    }
}
