import Testing

@testable import PerfLogAnalysis

/// `ByteSearch.countNewlines` (per-lane sums folded every 255 words) against a plain count,
/// on buffers longer than one fold, all newlines, and random bytes at every alignment.
@Suite struct NewlineCountTests {
    @Test func countsEveryNewlineOfBuffersLongerThanOneFold() {
        for length in [0, 1, 7, 8, 9, 2039, 2040, 2041, 2048, 4096 + 3, 20_000] {
            let all = [UInt8](repeating: 0x0A, count: length)
            all.withUnsafeBytes { #expect(ByteSearch.countNewlines($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, length) == length) }
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var random = [UInt8](repeating: 0, count: 30_000)
        for i in random.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            // Mostly newlines and their neighbours 0x0B, 0x8A, 0x09, so lane sums and borrows are exercised.
            random[i] = [0x0A, 0x0A, 0x0B, 0x8A, 0x09, 0x41, 0xFF, 0x0A][Int(state & 7)]
        }
        random.withUnsafeBytes { b in
            for start in 0..<9 {
                for count in [b.count - start, 2040 + 5, 17_001] {
                    let slow = b[start..<(start + count)].filter { $0 == 0x0A }.count
                    #expect(ByteSearch.countNewlines(b.baseAddress! + start, count) == slow)
                }
            }
        }
    }
}
