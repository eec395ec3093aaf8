import CFastDeflate

/// Inflates one whole deflate stream of known decompressed size in one call, with libdeflate
/// (several times faster than streaming zlib: BENCHMARKS.md). Archive readers use it for
/// indexed members, whose ``MemberIndex`` gives both sizes; anything it cannot read cleanly
/// is read again by the streaming ``GzipStreamDecoder``, which reports the problem exactly.
/// Not thread-safe: one per decompressing thread.
///
/// ```swift
/// if let inflater = MemberInflater(), case .success(let used) = inflater.inflate(deflate, into: out) {
///     // used.consumed compressed bytes, used.produced decompressed bytes
/// }
/// ```
@_spi(Internals) public final class MemberInflater {
    private let decompressor: UnsafeMutableRawPointer

    /// How a stream did not inflate.
    public enum Problem: Error, Sendable, Equatable {
        /// Corrupt or truncated deflate data.
        case badData
        /// It inflates to more bytes than the output holds.
        case outputTooSmall
    }

    /// `nil` when perflog was built without libdeflate.
    public init?() {
        guard let d = CFastDeflate_decompressorCreate() else { return nil }
        decompressor = d
    }

    deinit { CFastDeflate_decompressorFree(decompressor) }

    /// Inflates the deflate stream at the start of `input` into `output`.
    ///
    /// - Returns: where the stream ends in `input` and how many bytes it produced.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Result<
        (consumed: Int, produced: Int), Problem
    > {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return .failure(.badData) }
        var consumed = 0
        var produced = 0
        switch CFastDeflate_decompress(decompressor, inBase, input.count, outBase, output.count, &consumed, &produced) {
        case Int32(CFastDeflate_ok): return .success((consumed, produced))
        case Int32(CFastDeflate_shortOutput): return .failure(.outputTooSmall)
        default: return .failure(.badData)
        }
    }
}
