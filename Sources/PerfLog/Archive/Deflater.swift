import CZlib

/// A raw-deflate compressor (no zlib or gzip framing: ``GzipMember`` writes the framing),
/// reused member after member. Not thread-safe: one per compressing thread.
///
/// ```swift
/// let deflater = try Deflater(level: 6)
/// var out: [UInt8] = []
/// try payload.withUnsafeBytes { try deflater.compress($0, appendingTo: &out) }
/// ```
public final class Deflater {
    /// The `z_stream` lives at a fixed heap address for the compressor's whole life, as zlib requires.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The compression level, 0 (store) to 9 (best).
    public let level: Int32

    /// - Throws: ``ZlibError`` when zlib cannot be initialised (bad level, no memory).
    public init(level: Int32 = 6) throws(ZlibError) {
        self.level = level
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = CZlib_deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZlibError(rc, operation: "deflateInit2")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` as one complete raw-deflate stream and appends it to `out`.
    ///
    /// - Returns: the number of compressed bytes appended.
    @discardableResult
    public func compress(_ input: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) throws(ZlibError) -> Int {
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
            guard rc == Z_OK || rc == Z_BUF_ERROR else { throw ZlibError(rc, operation: "deflate", message: stream.pointee.msg) }
        }
        return out.count - start
    }
}
