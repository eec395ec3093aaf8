import Foundation
@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

@Suite struct EngineTests {
    /// Generated records as format-v1 lines, plus a few plain log lines, a blank and a torn line.
    static func lines(_ records: [GeneratedRecord]) -> [String] {
        var out: [String] = []
        for (i, r) in records.enumerated() {
            var s =
                #"{"ts":"\#(r.ts)","level":"\#(r.isError ? "error" : "info")","logger":"\#(r.op.split(separator: ".")[0])","msg":"done","#
            s +=
                #""event":"\#(r.event == .perf ? "perf" : "slow_query")","op":"\#(r.op)","duration_ms":\#(r.durationMs),"#
            s += #""outcome":"\#(r.isError ? "error" : "success")""#
            if let e = r.error { s += #","error":"\#(e)""# }
            if let st = r.status { s += #","status":\#(st)"# }
            if let q = r.query { s += #","query":"\#(q)""# }
            s += #","meta":{"user_id":"\#(r.user)"}}"#
            out.append(s)
            if i % 500 == 0 { out.append(#"{"ts":"\#(r.ts)","level":"info","logger":"app","msg":"plain"}"#) }
        }
        out.insert("", at: 3)
        out.insert(#"{"ts":"2026-11-28T10:00:00Z","op":"torn"#, at: 7)
        return out
    }

    /// Runs the consumer over `text` cut into chunks at the given line counts.
    static func run(_ text: [String], spec: AnalysisSpec, chunks: Int) -> Aggregator {
        let consumers = (0..<chunks).map { _ in LaneConsumer(lanes: [AnalysisLane(spec: spec)], filter: nil) }
        let per = (text.count + chunks - 1) / chunks
        var offset: UInt64 = 0
        for c in 0..<chunks {
            let part = text[min(text.count, c * per)..<min(text.count, (c + 1) * per)]
            var bytes = Array(part.joined(separator: "\n").utf8)
            if !part.isEmpty { bytes.append(0x0A) }
            bytes.withUnsafeBytes {
                #expect(
                    consumers[c].consume(
                        LineChunk(bytes: $0, sourceIndex: 0, firstLine: c * per + 1, byteOffset: offset)) == part.count)
            }
            offset += UInt64(bytes.count)
        }
        let total = Aggregator(spec: spec)
        for c in consumers { total.merge(c.aggregators[0]) }
        return total
    }

    @Test func everyByAndEveryCombinationMatchesTheDirectAggregate() {
        let records = GeneratedData.make(3_000, seed: 5)
        let text = Self.lines(records)
        for by in [["op"], ["logger"], ["status"], ["op", "status"], ["meta.user_id"], ["level"]] {
            for every in [nil, Int64(300_000_000), Int64(3_600_000_000)] as [Int64?] {
                let spec = AnalysisSpec(groupBy: by.map(FieldPath.init), everyMicroseconds: every)
                let direct = Aggregator(spec: spec)
                for r in records {
                    let group: [GroupValue] = by.map { f in
                        switch f {
                        case "op": .string(r.op)
                        case "logger": .string(String(r.op.split(separator: ".")[0]))
                        case "status": r.status.map { .number(String($0)) } ?? .missing
                        case "level": .string(r.isError ? "error" : "info")
                        default: .string(r.user)
                        }
                    }
                    direct.record(
                        group: group, timestamp: r.ts, event: r.event, durationMs: r.durationMs, isError: r.isError,
                        status: r.status, errorType: r.error, op: r.op, query: r.query)
                }
                let scanned = Self.run(text, spec: spec, chunks: 3)
                var a = scanned.result()
                var b = direct.result()
                #expect(a.input.malformed == 1)
                #expect(a.input.blank == 1)
                #expect(a.input.lines == Int64(text.count))
                a.input = InputStats()
                b.input = InputStats()
                #expect(
                    ReportJSONRenderer.render(a, kind: .analyze) == ReportJSONRenderer.render(b, kind: .analyze),
                    "by \(by) every \(String(describing: every))")
            }
        }
    }

    @Test func resultsDoNotDependOnHowTheInputIsCutIntoChunks() {
        let text = Self.lines(GeneratedData.make(4_000, seed: 11))
        let spec = AnalysisSpec(groupBy: [FieldPath("op"), FieldPath("status")], everyMicroseconds: 600_000_000)
        let one = ReportJSONRenderer.render(Self.run(text, spec: spec, chunks: 1).result(), kind: .analyze)
        for chunks in [2, 5, 13] {
            #expect(
                ReportJSONRenderer.render(Self.run(text, spec: spec, chunks: chunks).result(), kind: .analyze) == one)
        }
    }

    @Test func malformedLinesAreReportedWithTheirLineNumber() {
        let text = Self.lines(GeneratedData.make(20, seed: 1))
        let agg = Self.run(text, spec: AnalysisSpec(), chunks: 2)
        #expect(agg.input.malformedExamples.map(\.line) == [8])
        #expect(agg.input.malformedExamples[0].reason.hasPrefix("unexpected end of line"))
    }

    @Test func threadCountsAndFileSplitsThroughTheInputLayerGiveIdenticalResults() throws {
        let text = Self.lines(GeneratedData.make(6_000, seed: 23))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "perflog-engine-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("all.log")
        try (text.joined(separator: "\n") + "\n").write(to: whole, atomically: true, encoding: .utf8)
        let parts = (0..<3).map { dir.appendingPathComponent("part\($0).log") }
        for (i, url) in parts.enumerated() {
            let slice = text[(i * text.count / 3)..<((i + 1) * text.count / 3)]
            try (slice.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let spec = AnalysisSpec(groupBy: [FieldPath("op"), FieldPath("status")], everyMicroseconds: 3_600_000_000)
        func run(_ paths: [URL], threads: Int) throws -> String {
            var r = AnalysisEngine.run(
                sources: try InputResolver.resolve(paths.map(\.path)), spec: spec, filter: RecordFilter(),
                options: InputOptions(threads: threads))
            r.input.files = 0
            r.input.bytes = 0
            r.input.malformedExamples = []
            return ReportJSONRenderer.render(r, kind: .analyze)
        }
        let expected = try run([whole], threads: 1)
        #expect(expected.contains(#""lines":\#(text.count),"#))
        for threads in [2, 3] { #expect(try run([whole], threads: threads) == expected) }
        for threads in [1, 2] { #expect(try run(parts, threads: threads) == expected) }
    }

    @Test func groupKeysCompareDecodedStringsSoEscapesDoNotSplitAGroup() {
        let text = [
            #"{"ts":"2026-11-28T10:00:00Z","event":"perf","op":"ab","duration_ms":1,"meta":{"user_id":"x"}}"#,
            #"{"ts":"2026-11-28T10:00:01Z","event":"perf","op":"a\u0062","duration_ms":3,"meta":{"user_id":"x"}}"#,
            #"{"ts":"2026-11-28T10:00:02Z","event":"perf","op":"ab","duration_ms":2,"meta":{"user_id":"y"}}"#,
            #"{"ts":"2026-11-28T10:00:03Z","event":"perf","duration_ms":4}"#,
        ]
        let byOp = Self.run(text, spec: AnalysisSpec(), chunks: 1).result()
        #expect(byOp.rows.map(\.group) == [[.string("ab")], [.missing]])
        #expect(byOp.rows.map(\.latency.count) == [3, 1])
        let byUser = Self.run(text, spec: AnalysisSpec(groupBy: [FieldPath("meta.user_id")]), chunks: 1).result()
        #expect(byUser.rows.map(\.group) == [[.string("x")], [.string("y")], [.missing]])
    }
}
