/// Decodes a gzip file of one or more members sequentially, in pushed pieces, verifying each
/// member's CRC-32 and ISIZE: the one sequential gzip reader that `perflog compress` and the
/// analyzer's single-stream path share.
///
/// Feed compressed bytes with ``feed(_:output:)``; decoded bytes are handed to `output` as they
/// come. Call ``finish()`` at the end of input: it reports a file that ends inside a member.
/// After an error the decoder stops; ``offset`` tells where the break is (compressed bytes).
///
/// ```swift
/// let decoder = try GzipStreamDecoder()
/// try decoder.feed(bytes) { decoded in consume(decoded) }
/// try decoder.finish()
/// ```
public final class GzipStreamDecoder {
    /// Why decoding stopped early.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// Offset in the compressed input where the problem was detected (start of the bad member
        /// for header problems, the trailer's offset for CRC/ISIZE mismatches).
        public let offset: UInt64
        public let reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    private enum State { case header, body, trailer, done }

    private let inflater: Inflater
    private var state = State.header
    private var pending: [UInt8] = []  // header or trailer bytes not yet complete
    private var crc: UInt32 = 0
    private var size: UInt64 = 0
    private var out: UnsafeMutableRawBufferPointer
    /// Compressed bytes consumed so far.
    public private(set) var offset: UInt64 = 0
    /// Members completely decoded and verified.
    public private(set) var membersDecoded = 0
    /// Offset of the member being decoded.
    public private(set) var memberStart: UInt64 = 0
    /// Bytes after the last member that are not a gzip member (e.g. zero padding or garbage).
    public private(set) var trailingGarbage: UInt64 = 0

    /// - Parameter outputBufferSize: bytes per output piece handed to the callback.
    public init(outputBufferSize: Int = 256 * 1024) throws(ZlibError) {
        inflater = try Inflater()
        out = .allocate(byteCount: outputBufferSize, alignment: 16)
    }

    deinit { out.deallocate() }

    /// Feeds compressed bytes; calls `output` with each piece of decoded data.
    ///
    /// - Throws: ``Failure`` for corrupt data; errors thrown by `output` are rethrown as is.
    public func feed(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        var rest = input
        while !rest.isEmpty {
            switch state {
            case .done:
                trailingGarbage += UInt64(rest.count)
                offset += UInt64(rest.count)
                return
            case .header:
                let parsedFrom: UnsafeRawBufferPointer
                var joined: [UInt8] = []
                if pending.isEmpty {
                    parsedFrom = rest
                } else {
                    joined = pending + Array(rest.prefix(64 * 1024))
                    parsedFrom = UnsafeRawBufferPointer(start: nil, count: 0)
                }
                let result: Result<GzipMember.Header, GzipMember.HeaderProblem> =
                    pending.isEmpty ? GzipMember.parseHeader(parsedFrom) : joined.withUnsafeBytes { GzipMember.parseHeader($0) }
                switch result {
                case .success(let h):
                    let fromRest = h.length - pending.count
                    rest = UnsafeRawBufferPointer(rebasing: rest[fromRest...])
                    offset += UInt64(fromRest)
                    pending.removeAll(keepingCapacity: true)
                    inflater.reset()
                    crc = 0
                    size = 0
                    state = .body
                case .failure(.truncated):
                    if pending.count + rest.count > 64 * 1024 + 1024 {
                        throw Failure(offset: memberStart, reason: "gzip header too long or corrupt")
                    }
                    pending.append(contentsOf: rest)
                    offset += UInt64(rest.count)
                    return
                case .failure(.notGzip):
                    if membersDecoded > 0 {
                        // Data after a complete member that is not another member: zero padding
                        // (tape/dd) is tolerated silently as gzip does; anything else is reported.
                        let all = pending + Array(rest)
                        let zeros = all.allSatisfy { $0 == 0 }
                        offset += UInt64(rest.count)
                        trailingGarbage = UInt64(all.count)
                        pending.removeAll()
                        state = .done
                        if zeros { return }
                        throw Failure(offset: memberStart, reason: "\(all.count > 0 ? "trailing garbage" : "") after last gzip member")
                    }
                    throw Failure(offset: memberStart, reason: "not a gzip member")
                }
            case .body:
                let step: Inflater.Step
                do { step = try inflater.inflate(rest, into: out) } catch {
                    throw Failure(offset: offset, reason: "corrupt deflate data (\(error.zlibMessage ?? "data error"))")
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[step.consumed...])
                offset += UInt64(step.consumed)
                if step.produced > 0 {
                    let piece = UnsafeRawBufferPointer(rebasing: out[0..<step.produced])
                    crc = CRC32.update(crc, piece)
                    size += UInt64(step.produced)
                    try output(piece)
                }
                if step.streamEnded { state = .trailer }
                else if step.consumed == 0 && step.produced == 0 {
                    throw Failure(offset: offset, reason: "deflate stream makes no progress")
                }
            case .trailer:
                let need = GzipMember.trailerSize - pending.count
                let take = min(need, rest.count)
                pending.append(contentsOf: rest[rest.startIndex..<(rest.startIndex + take)])
                rest = UnsafeRawBufferPointer(rebasing: rest[take...])
                offset += UInt64(take)
                guard pending.count == GzipMember.trailerSize else { return }
                let t = pending.withUnsafeBytes { GzipMember.trailer($0)! }
                pending.removeAll(keepingCapacity: true)
                if t.crc != crc {
                    state = .done
                    throw Failure(offset: offset - 8, reason: "CRC-32 mismatch")
                }
                if t.isize != UInt32(truncatingIfNeeded: size) {
                    state = .done
                    throw Failure(offset: offset - 4, reason: "ISIZE mismatch")
                }
                membersDecoded += 1
                memberStart = offset
                state = .header
            }
        }
    }

    /// Declares the end of input.
    ///
    /// - Throws: ``Failure`` when the input ended inside a member (a truncated file), or held no member.
    public func finish() throws(Failure) {
        switch state {
        case .header where pending.isEmpty && membersDecoded > 0, .done:
            return
        case .header where pending.isEmpty:
            throw Failure(offset: offset, reason: "empty gzip file")
        case .header:
            throw Failure(offset: memberStart, reason: "truncated gzip header")
        case .body:
            throw Failure(offset: offset, reason: "truncated gzip member (deflate data ends early)")
        case .trailer:
            throw Failure(offset: offset, reason: "truncated gzip member (trailer missing)")
        }
    }
}
