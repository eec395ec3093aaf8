import CFastDeflate
import CZlib

/// A raw-deflate compressor (no zlib or gzip framing: ``GzipMember`` writes the framing),
/// reused member after member. Not thread-safe: one per compressing thread.
///
/// Each call compresses one whole buffer (an archive member's lines) into one complete deflate
/// stream, with libdeflate when perflog was built with it (smaller output, about twice as fast
/// as zlib at the same level: BENCHMARKS.md), with zlib otherwise.
///
/// ```swift
/// let deflater = try Deflater(level: 6)
/// var out: [UInt8] = []
/// try payload.withUnsafeBytes { try deflater.compress($0, appendingTo: &out) }
/// ```
@_spi(Internals) public final class Deflater {
    private enum Engine {
        /// The `z_stream` lives at a fixed heap address for the compressor's whole life, as zlib requires.
        case zlib(UnsafeMutablePointer<z_stream>)
        case libdeflate(UnsafeMutableRawPointer)
    }

    private let engine: Engine
    /// The compression level, 0 (store) to 9 (best).
    public let level: Int32
    /// The library that compresses.
    public let backend: DeflateBackend

    /// - Parameters:
    ///   - level: 0 (store) to 9 (best).
    ///   - backend: ``DeflateBackend/zlib`` or ``DeflateBackend/libdeflate`` (default: the best available).
    /// - Throws: ``DeflateError`` for a bad level, an unavailable backend, or no memory.
    public init(level: Int32 = 6, backend: DeflateBackend = .compressor) throws(DeflateError) {
        guard (0...9).contains(level) else {
            throw DeflateError(.level, backend: backend, operation: "init", message: "level \(level)")
        }
        self.level = level
        self.backend = backend
        switch backend {
        case .libdeflate:
            guard let c = CFastDeflate_compressorCreate(level) else {
                throw DeflateError(
                    backend.isAvailable ? .memory : .version, backend: backend, operation: "init",
                    message: backend.isAvailable ? nil : "not built in")
            }
            engine = .libdeflate(c)
        case .zlib:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let rc = CZlib_deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
            guard rc == Z_OK else {
                stream.deinitialize(count: 1)
                stream.deallocate()
                throw DeflateError(zlib: rc, operation: "deflateInit2")
            }
            engine = .zlib(stream)
        case .isal:
            throw DeflateError(
                .version, backend: backend, operation: "init", message: "perflog compresses with zlib or libdeflate")
        }
    }

    deinit {
        switch engine {
        case .zlib(let stream):
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        case .libdeflate(let c):
            CFastDeflate_compressorFree(c)
        }
    }

    /// Compresses `input` as one complete raw-deflate stream and appends it to `out`.
    ///
    /// - Returns: the number of compressed bytes appended.
    @discardableResult
    public func compress(_ input: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) throws(DeflateError) -> Int {
        switch engine {
        case .zlib(let stream): return try Deflater.compress(zlib: stream, input, appendingTo: &out)
        case .libdeflate(let c): return try Deflater.compress(libdeflate: c, input, appendingTo: &out)
        }
    }

    private static func compress(
        libdeflate c: UnsafeMutableRawPointer, _ input: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]
    ) throws(DeflateError) -> Int {
        let bound = CFastDeflate_compressBound(c, input.count)
        let before = out.count
        out.append(contentsOf: repeatElement(0, count: bound))
        let n = out.withUnsafeMutableBytes { ob in
            CFastDeflate_compress(
                c, input.baseAddress ?? UnsafeRawPointer(ob.baseAddress!), input.count, ob.baseAddress! + before, bound)
        }
        out.removeLast(bound - n)
        // libdeflate's bound always suffices; 0 would mean it did not.
        guard n > 0 else { throw DeflateError(.buffer, backend: .libdeflate, operation: "compress") }
        return n
    }

    private static func compress(
        zlib stream: UnsafeMutablePointer<z_stream>, _ input: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]
    ) throws(DeflateError) -> Int {
        defer { deflateReset(stream) }
        let start = out.count
        var inputLeft = input.count
        var inPtr = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
        while true {
            let chunkIn = min(inputLeft, Int(UInt32.max >> 1))
            let bound = Int(deflateBound(stream, UInt(chunkIn))) + 64
            let before = out.count
            out.reserveCapacity(before + bound)
            out.append(contentsOf: repeatElement(0, count: bound))
            let last = chunkIn == inputLeft
            var rc: Int32 = Z_OK
            var produced = 0
            out.withUnsafeMutableBufferPointer { ob in
                stream.pointee.next_in = inPtr
                stream.pointee.avail_in = UInt32(chunkIn)
                stream.pointee.next_out = ob.baseAddress! + before
                stream.pointee.avail_out = UInt32(bound)
                rc = deflate(stream, last ? Z_FINISH : Z_NO_FLUSH)
                produced = bound - Int(stream.pointee.avail_out)
                inPtr = stream.pointee.next_in
            }
            let consumed = chunkIn - Int(stream.pointee.avail_in)
            inputLeft -= consumed
            out.removeLast(bound - produced)
            if rc == Z_STREAM_END { break }
            guard rc == Z_OK || rc == Z_BUF_ERROR else {
                throw DeflateError(zlib: rc, operation: "deflate", message: stream.pointee.msg)
            }
        }
        return out.count - start
    }
}
