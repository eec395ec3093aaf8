import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

/// A corrupt member found by fuzzing: ISA-L, failing, handed back buffered bytes from earlier
/// calls as unconsumed input, and the decoder's input window ran past its end (a crash).
@Suite struct GzipStreamDecoderFuzzRegressionTests {
    static let member = Array(
        Data(
            base64Encoded:
                "H4sIBAAAAAAAAy4AUEwqAAEBoAEAAAAAAACZAgAAAAAAAAgAAAAAAAAAAMhdPVNhBgCg7YM9U2EGAH2RXUvDMBSG7/crSi5la9PUjVEQL6TqhSLMgaCT0janXSBtaj42pPS/e7qxUZQZSpo3eU9OnnM6Yg2JCaNsMQvDGVuuQxrT4fNDFl3PF+9kSiTsQKJLNKUapKoq0KizVqCsTYVrDV8OjEWN5sbiTgu6RKnao9N/SNZegItgFwasx39M1qIGPB11dk6jfvIDtV8Bx5YCAAA="
        )!)

    @Test func aCorruptMemberReadInGrowingPiecesIsReportedByEveryBackend() throws {
        for backend in [DeflateBackend.zlib, .isal] where backend.isAvailable {
            var at = 0
            var step = 1
            let data = Self.member
            let decoder = try GzipStreamDecoder(backend: backend) { buffer in
                let n = min(step, buffer.count, data.count - at)
                if n > 0 {
                    data.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
                }
                at += n
                step = step * 7 + 1
                return n
            }
            var problems: [GzipStreamDecoder.Problem.Kind] = []
            decoder.onProblem = { problems.append($0.kind) }
            let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
            defer { out.deallocate() }
            var decoded = 0
            while case let n = decoder.read(into: out), n > 0 { decoded += n }
            #expect(problems == [.corruptData], "\(backend)")
            #expect(decoded > 0 && decoded <= 144, "\(backend): \(decoded)")
        }
    }
}
