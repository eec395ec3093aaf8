import Foundation
import PerfLog
import Testing
@testable import PerfLogAnalysis

/// Replays every input that made a fuzz target fail (`Fixtures/fuzz-regressions/<Target>-<what>`)
/// and checks the invariant the target checks, so a fixed bug stays fixed.
@Suite struct HostileFuzzRegressionTests {
    static var directory: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("fuzz-regressions")
    }

    static func inputs(_ prefix: String) throws -> [(String, [UInt8])] {
        let dir = try #require(directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(prefix + "-") }.sorted()
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
                        let inWord = (before | 0x20 >= 0x61 && before | 0x20 <= 0x7A) || before == 0x5F || before == 0x24 || before >= 0x80
                        #expect(inWord, "\(name): \(String(decoding: out, as: UTF8.self))")
                        while i < out.count && out[i] >= 0x30 && out[i] <= 0x39 { i += 1 }
                    } else {
                        i += 1
                    }
                }
            }
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

    @Test func gzipReaderRegressionsAgreeWithTheSequentialDecoder() throws {
        for (name, bytes) in try Self.inputs("GzipReader") {
            let path = Hostile.file("regression.gz", bytes)
            for threads in [1, 2] {
                let s = Hostile.scan(path, threads: threads)
                _ = s.problems.map(\.description)
                #expect(s.records + s.blank + s.malformed.count >= 0, "\(name)")
            }
        }
    }
}
