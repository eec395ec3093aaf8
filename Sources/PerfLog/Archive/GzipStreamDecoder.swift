/// Decodes gzip data of one or more members sequentially, pulling compressed bytes from an
/// input and verifying each member's CRC-32 and ISIZE: the one sequential gzip reader, used by
/// `perflog compress`, the analyzer's single-stream and fallback paths, and tests.
///
/// Any tool's gzip is read (single or multi-member, perflog's indexed members too). Problems are
/// handed to ``onProblem`` with the offset in the compressed input: at a break (corrupt data, a
/// truncated member, garbage after the last member) decoding stops; a CRC-32 or ISIZE mismatch
/// does not lose synchronisation, so decoding goes on with the next member after reporting it.
/// Zero padding after the last member is tolerated, as gzip does.
///
/// ```swift
/// let decoder = try GzipStreamDecoder { buffer in read(fd, buffer.baseAddress, buffer.count) }
/// decoder.onProblem = { problem in print(problem) }
/// while case let n = decoder.read(into: out), n > 0 { consume(out[0..<n]) }
/// ```
@_spi(Internals) public final class GzipStreamDecoder {
    /// Reads up to `buffer.count` compressed bytes into `buffer`; 0 only at the end of the data.
    public typealias Input = (UnsafeMutableRawBufferPointer) -> Int

    /// A problem found in the data.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The kinds of problem.
        public enum Kind: Sendable, Equatable {
            /// The data does not start with a gzip header.
            case notGzip
            /// No byte at all.
            case empty
            /// The data ends inside a member header (or the header is longer than the input buffer).
            case truncatedHeader
            /// The deflate data is corrupt.
            case corruptData
            /// The data ends inside the deflate data.
            case truncatedData
            /// The data ends inside the 8-byte trailer.
            case truncatedTrailer
            /// The trailer's CRC-32 does not match the data (decoding goes on).
            case crcMismatch
            /// The trailer's ISIZE does not match the data (decoding goes on).
            case isizeMismatch
            /// Bytes after the last member that are neither a member nor zero padding.
            case trailingGarbage
        }

        /// What the problem is.
        public var kind: Kind
        /// Where the problem was detected in the compressed input: the trailer's offset for a
        /// mismatch, the end of the data for a truncation, the member's start for the others.
        public var offset: UInt64
        /// Offset of the header of the member it concerns, in the compressed input.
        public var memberStart: UInt64
        /// True when decoding goes on after it (a CRC-32 or ISIZE mismatch).
        public var isRecoverable: Bool { kind == .crcMismatch || kind == .isizeMismatch }

        public var description: String {
            switch kind {
            case .notGzip: return "not gzip data at byte \(offset)"
            case .empty: return "empty gzip data at byte \(offset)"
            case .truncatedHeader: return "truncated gzip header at byte \(offset)"
            case .corruptData: return "corrupt deflate data in the gzip member at byte \(memberStart)"
            case .truncatedData:
                return
                    "truncated gzip member at byte \(memberStart) (the data ends at byte \(offset), in its deflate data)"
            case .truncatedTrailer:
                return "truncated gzip member at byte \(memberStart) (the data ends at byte \(offset), in its trailer)"
            case .crcMismatch:
                return "CRC-32 mismatch in gzip member at byte \(memberStart) (trailer at byte \(offset))"
            case .isizeMismatch:
                return "ISIZE mismatch in gzip member at byte \(memberStart) (trailer at byte \(offset))"
            case .trailingGarbage: return "garbage after the last gzip member at byte \(offset)"
            }
        }
    }

    /// A member's trailer, as read (for checking CRCs elsewhere when ``checksCRC`` is false).
    public struct Trailer: Sendable {
        /// Decoded offset (over all members) where the member's data starts.
        public var decodedStart: UInt64
        /// Decoded offset (over all members) where the member's data ends.
        public var decodedEnd: UInt64
        /// The CRC-32 the trailer gives.
        public var expectedCRC: UInt32
        /// Offset of the member's header in the compressed input.
        public var memberStart: UInt64
        /// Offset of the trailer in the compressed input.
        public var trailerOffset: UInt64
    }

    private enum State { case header, body, trailer, done }

    /// Bytes kept free before the buffered input, to put back what the inflater read past the
    /// end of a deflate stream.
    private static let headroom = 8

    private let input: Input
    private let inflater: Inflater
    /// Stop after one member (members read one by one).
    public let singleMember: Bool
    /// The data starts right after a complete member, so bytes that are not a member header are
    /// trailing garbage (or tolerated zero padding).
    public let followsMember: Bool
    /// When false, CRC-32s are not computed here: ``onTrailer`` gets what to check elsewhere.
    public var checksCRC = true
    /// Called with each problem, in order.
    public var onProblem: ((Problem) -> Void)?
    /// Called when a member's deflate data ends, with the decoded offset of its end.
    public var onStreamEnd: ((UInt64) -> Void)?
    /// Called with each trailer read.
    public var onTrailer: ((Trailer) -> Void)?

    private var buffer: UnsafeMutableRawBufferPointer
    private var inStart = GzipStreamDecoder.headroom
    private var inEnd = GzipStreamDecoder.headroom
    private var inputEnded = false
    /// Input offset of `buffer[0]`.
    private var bufferBase: UInt64
    private var state = State.header
    private var crc: UInt32 = 0
    private var size: UInt64 = 0

    /// Decoded bytes produced so far, over all members.
    public private(set) var produced: UInt64 = 0
    /// Members completely decoded (trailer read), including those with a CRC/ISIZE mismatch.
    public private(set) var membersDecoded = 0
    /// Members whose header was read.
    public private(set) var membersStarted = 0
    /// Offset of the current (or last) member's first byte.
    public private(set) var memberStart: UInt64
    /// Header of the current (or last) member.
    public private(set) var header: GzipMember.Header?
    /// Decoded bytes of the current (or last) member.
    public var memberSize: UInt64 { size }
    /// True when the last member's trailer matched its data (CRC-32 checked here).
    public private(set) var trailerValid = false
    /// Zero bytes after the last member (tolerated padding).
    public private(set) var paddingBytes: UInt64 = 0
    /// True when decoding stopped at a problem.
    public private(set) var failed = false
    /// The inflating library.
    public var backend: DeflateBackend { inflater.backend }

    /// - Parameters:
    ///   - startOffset: input offset of the first byte `input` yields.
    ///   - singleMember: stop after one member.
    ///   - followsMember: the data starts right after a complete member.
    ///   - inputBufferSize: compressed bytes buffered (the longest header that can be read).
    ///   - backend: the streaming inflater (default: ISA-L when built with it, zlib otherwise).
    ///   - input: where compressed bytes come from.
    /// - Throws: ``DeflateError`` when the inflater cannot be created.
    public init(
        startOffset: UInt64 = 0, singleMember: Bool = false, followsMember: Bool = false,
        inputBufferSize: Int = 256 * 1024,
        backend: DeflateBackend = .streamingInflater, input: @escaping Input
    ) throws(DeflateError) {
        self.input = input
        self.singleMember = singleMember
        self.followsMember = followsMember
        inflater = try Inflater(backend: backend)
        buffer = .allocate(byteCount: GzipStreamDecoder.headroom + max(64, inputBufferSize), alignment: 16)
        bufferBase = startOffset &- UInt64(GzipStreamDecoder.headroom)
        memberStart = startOffset
    }

    deinit { buffer.deallocate() }

    /// Input offset of the next compressed byte to be consumed.
    public var offset: UInt64 { bufferBase &+ UInt64(inStart) }

    private func fail(_ kind: Problem.Kind, at offset: UInt64) {
        failed = true
        state = .done
        onProblem?(Problem(kind: kind, offset: offset, memberStart: memberStart))
    }

    /// Makes at least `count` unconsumed input bytes available, if the input has them.
    private func ensure(_ count: Int) -> Bool {
        if inEnd - inStart >= count { return true }
        let head = GzipStreamDecoder.headroom
        if inStart != head {
            let n = inEnd - inStart
            if n > 0 { (buffer.baseAddress! + head).copyMemory(from: buffer.baseAddress! + inStart, byteCount: n) }
            bufferBase = bufferBase &+ UInt64(bitPattern: Int64(inStart - head))
            inStart = head
            inEnd = head + n
        }
        while inEnd - inStart < count && !inputEnded && inEnd < buffer.count {
            let n = input(UnsafeMutableRawBufferPointer(rebasing: buffer[inEnd...]))
            if n == 0 { inputEnded = true } else { inEnd += n }
        }
        return inEnd - inStart >= count
    }

    private var available: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[inStart..<inEnd])
    }

    /// Decodes into `out`.
    ///
    /// - Returns: the number of bytes decoded; 0 only at the end of the data or after a problem
    ///   that stopped decoding (``failed``).
    public func read(into out: UnsafeMutableRawBufferPointer) -> Int {
        guard out.count > 0 else { return 0 }
        while true {
            switch state {
            case .done:
                return 0
            case .header:
                readHeader()
            case .body:
                if inStart == inEnd { _ = ensure(1) }
                let step: Inflater.Step
                do { step = try inflater.inflate(available, into: out) } catch {
                    // Reported at the member's start: where in the data an inflater notices
                    // the corruption depends on how far it reads ahead.
                    fail(.corruptData, at: memberStart)
                    return 0
                }
                // An inflater never consumes more than it was given; hostile data must not
                // be able to move the input window past its end.
                inStart += min(step.consumed, inEnd - inStart)
                if step.produced > 0 {
                    let piece = UnsafeRawBufferPointer(start: out.baseAddress, count: step.produced)
                    if checksCRC { crc = CRC32.update(crc, piece) }
                    size += UInt64(step.produced)
                    produced += UInt64(step.produced)
                }
                if step.streamEnded {
                    if step.overread > 0 {
                        // Put back what the inflater read past the stream's end (inStart >= headroom).
                        inStart -= step.overread
                        (buffer.baseAddress! + inStart).copyMemory(
                            from: inflater.overread(step).baseAddress!, byteCount: step.overread)
                    }
                    onStreamEnd?(produced)
                    state = .trailer
                } else if step.consumed == 0 && step.produced == 0 {
                    // The inflater wants more input than is buffered: get more, or the data ends here.
                    if !ensure(inEnd - inStart + 1) {
                        fail(.truncatedData, at: offset)
                        return 0
                    }
                }
                if step.produced > 0 { return step.produced }
            case .trailer:
                readTrailer()
            }
        }
    }

    private func readTrailer() {
        guard ensure(GzipMember.trailerSize) else {
            fail(.truncatedTrailer, at: offset)
            return
        }
        let t = GzipMember.trailer(available)!
        let at = offset
        inStart += GzipMember.trailerSize
        membersDecoded += 1
        trailerValid = false
        onTrailer?(
            Trailer(
                decodedStart: produced - size, decodedEnd: produced, expectedCRC: t.crc, memberStart: memberStart,
                trailerOffset: at))
        if checksCRC && t.crc != crc {
            onProblem?(Problem(kind: .crcMismatch, offset: at, memberStart: memberStart))
        } else if t.isize != UInt32(truncatingIfNeeded: size) {
            onProblem?(Problem(kind: .isizeMismatch, offset: at, memberStart: memberStart))
        } else {
            trailerValid = checksCRC
        }
        state = singleMember ? .done : .header
    }

    /// Parses the next member header, or ends (cleanly or with a problem).
    private func readHeader() {
        memberStart = offset
        var want = 64
        while true {
            let have = ensure(want)
            if inStart == inEnd {
                if membersDecoded == 0 && !followsMember { fail(.empty, at: offset) } else { state = .done }
                return
            }
            switch GzipMember.parseHeader(available) {
            case .success(let h):
                header = h
                membersStarted += 1
                inStart += h.length
                inflater.reset()
                crc = 0
                size = 0
                state = .body
                return
            case .failure(.truncated):
                if !have && inputEnded || want >= buffer.count - GzipStreamDecoder.headroom {
                    fail(.truncatedHeader, at: memberStart)
                    return
                }
                want = min(buffer.count - GzipStreamDecoder.headroom, want * 4)
            case .failure(.notGzip):
                if membersDecoded > 0 || followsMember {
                    if restIsZeros() { state = .done } else { fail(.trailingGarbage, at: memberStart) }
                } else {
                    fail(.notGzip, at: memberStart)
                }
                return
            }
        }
    }

    /// Consumes the rest of the input; true when it is all zero bytes.
    private func restIsZeros() -> Bool {
        while true {
            if available.contains(where: { $0 != 0 }) { return false }
            paddingBytes += UInt64(inEnd - inStart)
            inStart = inEnd
            if !ensure(1) { return true }
        }
    }
}

extension GzipStreamDecoder {
    /// Decodes all of `bytes` (handed to the decoder in pieces of at most `pieceSize` bytes).
    ///
    /// - Returns: the decoded bytes and how many members were decoded.
    /// - Throws: the first ``Problem``.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, pieceSize: Int = 1 << 20, outputBufferSize: Int = 256 * 1024,
        backend: DeflateBackend = .streamingInflater
    ) throws -> (bytes: [UInt8], members: Int) {
        var at = 0
        let decoder = try GzipStreamDecoder(backend: backend) { buffer in
            let n = min(buffer.count, pieceSize, bytes.count - at)
            if n > 0 { buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + at, byteCount: n) }
            at += n
            return n
        }
        var problem: Problem?
        decoder.onProblem = { if problem == nil { problem = $0 } }
        var out: [UInt8] = []
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, outputBufferSize), alignment: 16)
        defer { piece.deallocate() }
        while case let n = decoder.read(into: piece), n > 0 { out.append(contentsOf: piece[0..<n]) }
        if let problem { throw problem }
        return (out, decoder.membersDecoded)
    }

    /// ``decode(_:pieceSize:outputBufferSize:backend:)`` over an array.
    public static func decode(
        _ bytes: [UInt8], pieceSize: Int = 1 << 20, outputBufferSize: Int = 256 * 1024,
        backend: DeflateBackend = .streamingInflater
    ) throws -> (bytes: [UInt8], members: Int) {
        try bytes.withUnsafeBytes {
            try decode($0, pieceSize: pieceSize, outputBufferSize: outputBufferSize, backend: backend)
        }
    }
}
