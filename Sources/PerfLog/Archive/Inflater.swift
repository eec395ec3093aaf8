import CZlib

/// A streaming raw-inflate decompressor (no framing: the gzip header and trailer are read by the
/// caller through ``GzipMember``). Not thread-safe: one per decompressing thread.
///
/// ```swift
/// let inflater = try Inflater()
/// let step = try inflater.inflate(input, into: outputBuffer)
/// // step.consumed input bytes, step.produced output bytes, step.streamEnded at the deflate end
/// ```
public final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>

    /// One call's progress.
    public struct Step: Sendable {
        /// Input bytes consumed.
        public var consumed: Int
        /// Output bytes produced.
        public var produced: Int
        /// True when the end of the deflate stream was reached (the gzip trailer follows).
        public var streamEnded: Bool
    }

    public init() throws(ZlibError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = CZlib_inflateInit2(stream, -15)
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZlibError(rc, operation: "inflateInit2")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new deflate stream (the next member).
    public func reset() { inflateReset(stream) }

    /// Inflates as much of `input` as fits into `output`.
    ///
    /// - Throws: ``ZlibError`` with ``ZlibError/isDataError`` when the data is corrupt.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ZlibError) -> Step {
        let inCount = min(input.count, Int(UInt32.max))
        let outCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
        stream.pointee.avail_in = UInt32(inCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(outCount)
        let rc = CZlib.inflate(stream, Z_NO_FLUSH)
        let step = Step(
            consumed: inCount - Int(stream.pointee.avail_in),
            produced: outCount - Int(stream.pointee.avail_out),
            streamEnded: rc == Z_STREAM_END)
        switch rc {
        case Z_OK, Z_STREAM_END: return step
        case Z_BUF_ERROR: return step  // no progress possible with this input/output; caller supplies more
        case Z_NEED_DICT: throw ZlibError(Z_DATA_ERROR, operation: "inflate", message: nil)
        default: throw ZlibError(rc, operation: "inflate", message: stream.pointee.msg)
        }
    }
}
