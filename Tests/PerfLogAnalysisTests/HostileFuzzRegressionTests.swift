import Foundation
@_spi(Internals) import PerfLog
import Testing

@_spi(Internals) @testable import PerfLogAnalysis

/// Replays every input that made a fuzz target fail (`Fixtures/fuzz-regressions/<Target>-<what>`)
/// and checks the invariant the target checks, so a fixed bug stays fixed.
@Suite struct HostileFuzzRegressionTests {
    static var directory: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("fuzz-regressions")
    }

    static func inputs(_ prefix: String) throws -> [(String, [UInt8])] {
        let dir = try #require(directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(prefix + "-") }
            .sorted()
        return try names.map { ($0, Array(try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    @Test func everyRegressionInputHasATarget() throws {
        let dir = try #require(Self.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.isEmpty)
        let targets = ["QueryFingerprint", "LineScanner", "GzipReader", "WhereExpression", "TimeParser"]
        for n in names { #expect(targets.contains { n.hasPrefix($0 + "-") }, "\(n)") }
    }

    @Test func queryFingerprintRegressionsLeakNoDigitLiteral() throws {
        for (name, bytes) in try Self.inputs("QueryFingerprint") {
            for fp in [QueryFingerprint(), QueryFingerprint(maxLength: 64)] {
                let out = bytes.withUnsafeBytes { fp.fingerprint(bytes: $0) }
                #expect(out.count <= fp.maxLength, "\(name)")
                var i = 0
                while i < out.count {
                    if out[i] == 0x60 {
                        i += 1
                        while i < out.count && out[i] != 0x60 { i += 1 }
                        i += 1
                        continue
                    }
                    if out[i] >= 0x30 && out[i] <= 0x39 {
                        let before: UInt8 = i > 0 ? out[i - 1] : 0x20
                        let inWord =
                            (before | 0x20 >= 0x61 && before | 0x20 <= 0x7A) || before == 0x5F || before == 0x24
                            || before >= 0x80
                        #expect(inWord, "\(name): \(String(decoding: out, as: UTF8.self))")
                        while i < out.count && out[i] >= 0x30 && out[i] <= 0x39 { i += 1 }
                    } else {
                        i += 1
                    }
                }
            }
        }
    }

    /// `FuzzTimeParser`'s invariant: a duration that parses is finite and not negative, an interval
    /// at least 1 us.
    @Test func timeParserRegressionsGiveFiniteDurations() throws {
        let inputs = try Self.inputs("TimeParser")
        #expect(!inputs.isEmpty)
        for (name, bytes) in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            if let ms = try? DurationSpec.parseMilliseconds(text) { #expect(ms.isFinite && ms >= 0, "\(name)") }
            if let us = try? DurationSpec.parseInterval(text) { #expect(us >= 1, "\(name)") }
        }
    }

    @Test func lineScannerRegressionsScanWithoutCrashing() throws {
        for (_, bytes) in try Self.inputs("LineScanner") {
            var scanner = LineScanner()
            var record = ScannedRecord()
            bytes.withUnsafeBytes { raw in
                if case .record = scanner.scan(raw, into: &record) {
                    for p in ["ts", "op", "meta.a.b", "x"] { _ = record.value(at: FieldPath(p))?.string }
                }
            }
        }
    }

    /// The `FuzzGzipReader` regressions, plus a member whose index lies about its size, line count
    /// and uncompressed size (the case the target's invariant is about), so the replay never runs
    /// on nothing.
    @Test func gzipReaderRegressionsReadTheSameLinesWithOneThreadAndWithTwo() throws {
        let payload = InputFixtures.bytes(InputFixtures.lines(300, prefix: "lying-index"))
        let lying =
            InputFixtures.member(payload, sizeDelta: -7, uncompressedDelta: 1_000, linesDelta: -3)
            + InputFixtures.member(InputFixtures.bytes(InputFixtures.lines(5, prefix: "after")))
        let inputs = try Self.inputs("GzipReader") + [("lying-index", lying)]
        for (name, bytes) in inputs {
            let path = Hostile.file("regression.gz", bytes)
            let one = InputFixtures.read(path, threads: 1).lines.sorted()
            let two = InputFixtures.read(path, threads: 2).lines.sorted()
            #expect(one == two, "\(name)")
        }
        let read = InputFixtures.read(Hostile.file("lying.gz", lying), threads: 2).lines.sorted()
        #expect(
            read == (InputFixtures.lines(300, prefix: "lying-index") + InputFixtures.lines(5, prefix: "after")).sorted()
        )
    }
}
