import CFastDeflate
import CZlib

/// A streaming raw-inflate decompressor (no framing: the gzip header and trailer are read by the
/// caller through ``GzipMember``), with ISA-L when perflog was built with it, zlib otherwise.
/// Not thread-safe: one per decompressing thread.
///
/// ```swift
/// let inflater = try Inflater()
/// let step = try inflater.inflate(input, into: outputBuffer)
/// // step.consumed input bytes, step.produced output bytes, step.streamEnded at the deflate end
/// ```
@_spi(Internals) public final class Inflater {
    private enum Engine {
        /// The `z_stream` lives at a fixed heap address for its whole life, as zlib requires.
        case zlib(UnsafeMutablePointer<z_stream>)
        case isal(OpaquePointer)
    }

    private let engine: Engine
    /// The library that inflates.
    public let backend: DeflateBackend
    /// Corrupt data found by zlib in a step that also produced bytes: thrown by the next step,
    /// so that every byte decoded before the corruption is handed out first (as ISA-L does).
    private var pendingError: DeflateError?
    /// Bytes consumed by the last step that lie after the end of the deflate stream.
    private let overreadStorage = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)

    /// One call's progress.
    public struct Step: Sendable {
        /// Input bytes consumed.
        public var consumed: Int
        /// Output bytes produced.
        public var produced: Int
        /// True when the end of the deflate stream was reached (the gzip trailer follows).
        public var streamEnded: Bool
        /// When the stream ended: how many of the `consumed` bytes follow its end (ISA-L reads up
        /// to 8 bytes ahead). They are ``Inflater/overread`` and belong to whatever follows.
        public var overread: Int = 0
    }

    /// - Parameter backend: ``DeflateBackend/zlib`` or ``DeflateBackend/isal`` (default: the best available).
    /// - Throws: ``DeflateError`` when the backend is unavailable or out of memory.
    public init(backend: DeflateBackend = .streamingInflater) throws(DeflateError) {
        self.backend = backend
        switch backend {
        case .isal:
            guard let s = CFastDeflate_inflateCreate() else {
                overreadStorage.deallocate()
                throw DeflateError(
                    backend.isAvailable ? .memory : .version, backend: backend, operation: "init",
                    message: backend.isAvailable ? nil : "not built in")
            }
            engine = .isal(s)
        case .zlib:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let rc = CZlib_inflateInit2(stream, -15)
            guard rc == Z_OK else {
                stream.deinitialize(count: 1)
                stream.deallocate()
                overreadStorage.deallocate()
                throw DeflateError(zlib: rc, operation: "inflateInit2")
            }
            engine = .zlib(stream)
        case .libdeflate:
            overreadStorage.deallocate()
            throw DeflateError(
                .version, backend: backend, operation: "init",
                message: "libdeflate inflates whole members only (MemberInflater)")
        }
    }

    deinit {
        switch engine {
        case .zlib(let stream):
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        case .isal(let s):
            CFastDeflate_inflateFree(s)
        }
        overreadStorage.deallocate()
    }

    /// Starts a new deflate stream (the next member).
    public func reset() {
        pendingError = nil
        switch engine {
        case .zlib(let stream): inflateReset(stream)
        case .isal(let s): CFastDeflate_inflateReset(s)
        }
    }

    /// After a step that ended the stream: the bytes it consumed beyond the stream's end.
    public func overread(_ step: Step) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(overreadStorage)[0..<step.overread])
    }

    /// Inflates as much of `input` as fits into `output`.
    ///
    /// A step that consumes and produces nothing (and does not end the stream) needs more input.
    /// At corrupt data, the bytes decoded before it are handed out first; the step after them throws.
    ///
    /// - Throws: ``DeflateError`` with ``DeflateError/isDataError`` when the data is corrupt.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(DeflateError) -> Step
    {
        switch engine {
        case .zlib(let stream):
            if let pendingError { throw pendingError }
            let (step, error) = Inflater.inflate(zlib: stream, input, into: output)
            if let error {
                guard step.produced > 0 else { throw error }
                pendingError = error
            }
            return step
        case .isal(let s):
            var consumed = 0
            var produced = 0
            var overread = 0
            let rc = CFastDeflate_inflate(
                s, input.baseAddress, input.count, output.baseAddress, output.count, &consumed, &produced,
                overreadStorage.baseAddress!.assumingMemoryBound(to: UInt8.self), &overread)
            guard rc >= 0 else {
                throw DeflateError(.data, backend: .isal, operation: "inflate", message: "invalid deflate data")
            }
            return Step(consumed: consumed, produced: produced, streamEnded: rc == 1, overread: overread)
        }
    }

    /// One zlib step, and the error it ended with, if any (its output is still valid).
    private static func inflate(
        zlib stream: UnsafeMutablePointer<z_stream>, _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) -> (Step, DeflateError?) {
        let inCount = min(input.count, Int(UInt32.max))
        let outCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = input.baseAddress.map {
            UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self))
        }
        stream.pointee.avail_in = UInt32(inCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(outCount)
        let rc = CZlib.inflate(stream, Z_NO_FLUSH)
        let step = Step(
            consumed: inCount - Int(stream.pointee.avail_in),
            produced: outCount - Int(stream.pointee.avail_out),
            streamEnded: rc == Z_STREAM_END)
        switch rc {
        case Z_OK, Z_STREAM_END: return (step, nil)
        case Z_BUF_ERROR: return (step, nil)  // no progress possible with this input/output; caller supplies more
        case Z_NEED_DICT: return (step, DeflateError(zlib: Z_DATA_ERROR, operation: "inflate"))
        default: return (step, DeflateError(zlib: rc, operation: "inflate", message: stream.pointee.msg))
        }
    }
}
