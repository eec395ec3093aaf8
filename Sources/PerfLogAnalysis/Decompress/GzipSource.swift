import PerfLog

/// Inflates gzip members pulled from an upstream source (any tool's: single or multi-member,
/// perflog's indexed members too), writing decoded bytes straight into the reader's buffer.
///
/// Each member's CRC-32 and ISIZE are checked. Problems are recorded in the context with the
/// file offset, and reading stops at the break (a CRC or ISIZE mismatch does not lose
/// synchronisation, so reading goes on with the next member after reporting it). Zero padding
/// after the last member is tolerated, as gzip does; other trailing bytes are reported.
final class GzipSource: ByteSource {
    private enum State { case header, body, trailer, done }

    let upstream: ByteSource
    let context: ReadContext
    /// Stop after one member (parallel member reading).
    let singleMember: Bool
    let followsMember: Bool
    private let inflater: Inflater
    private var input: UnsafeMutableRawBufferPointer
    private var inStart = 0
    private var inEnd = 0
    private var upstreamEnded = false
    /// File offset of `input[0]`.
    private var inputBase: UInt64
    private var state = State.header
    private var crc: UInt32 = 0
    private var size: UInt64 = 0
    /// Decoded bytes produced so far, over all members.
    private var produced: UInt64 = 0
    /// When set, CRCs are checked by the scanning threads instead of here.
    var deferredCRC: DeferredCRC?

    /// Members completely decoded (trailer read), including those with a CRC/ISIZE mismatch.
    private(set) var membersDecoded = 0
    /// Offset of the current (or last) member's first byte.
    private(set) var memberStart: UInt64
    /// Header of the current (or last) member.
    private(set) var header: GzipMember.Header?
    /// Offset of the current member's deflate data end (where the trailer starts), once reached.
    private(set) var deflateEnd: UInt64?
    /// Uncompressed bytes of the current (or last) member.
    var memberSize: UInt64 { size }
    /// True when the last member's trailer matched its data.
    private(set) var trailerValid = false
    /// True when decoding stopped at a problem that was recorded.
    private(set) var failed = false

    /// - Parameters:
    ///   - startOffset: file offset of the first byte `upstream` yields.
    ///   - followsMember: the data starts right after a complete member, so bytes that are not a
    ///     member header are trailing garbage (or tolerated zero padding).
    init(
        upstream: ByteSource, startOffset: UInt64, context: ReadContext, singleMember: Bool = false,
        followsMember: Bool = false, inputBufferSize: Int = 256 * 1024
    ) {
        self.upstream = upstream
        self.followsMember = followsMember
        self.context = context
        self.singleMember = singleMember
        self.inputBase = startOffset
        self.memberStart = startOffset
        // Inflater() only fails when zlib cannot allocate its state: treat as fatal like any allocation failure.
        do { inflater = try Inflater() } catch { fatalError("zlib: \(error)") }
        input = .allocate(byteCount: inputBufferSize, alignment: 16)
    }

    deinit { input.deallocate() }

    /// File offset of the next compressed byte to be consumed.
    var offset: UInt64 { inputBase + UInt64(inStart) }

    private func fail(at offset: UInt64, _ message: String) {
        failed = true
        state = .done
        context.problem(offset: offset, message)
    }

    /// Makes at least `count` unconsumed input bytes available, if upstream has them.
    private func ensure(_ count: Int) -> Bool {
        if inEnd - inStart >= count { return true }
        if inStart > 0 {
            let n = inEnd - inStart
            if n > 0 { input.baseAddress!.copyMemory(from: input.baseAddress! + inStart, byteCount: n) }
            inputBase += UInt64(inStart)
            inStart = 0
            inEnd = n
        }
        while inEnd - inStart < count && !upstreamEnded && inEnd < input.count {
            let n = upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inEnd...]))
            if n == 0 { upstreamEnded = true } else { inEnd += n }
        }
        return inEnd - inStart >= count
    }

    private var available: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(input)[inStart..<inEnd])
    }

    func read(into out: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            switch state {
            case .done:
                return 0
            case .header:
                if !readHeader() { continue }
            case .body:
                if inStart == inEnd && !ensure(1) {
                    fail(at: offset, "truncated gzip member at byte \(offset) (deflate data ends early); read up to the break")
                    return 0
                }
                let step: Inflater.Step
                do { step = try inflater.inflate(available, into: out) } catch {
                    fail(at: offset, "corrupt gzip data at byte \(offset) (\(error.zlibMessage ?? "invalid deflate data")); read up to the break")
                    return 0
                }
                inStart += step.consumed
                if step.produced > 0 {
                    if deferredCRC == nil {
                        crc = CRC32.update(crc, UnsafeRawBufferPointer(start: out.baseAddress, count: step.produced))
                    }
                    size += UInt64(step.produced)
                    produced += UInt64(step.produced)
                }
                if step.streamEnded {
                    deflateEnd = offset
                    deferredCRC?.addBoundary(produced)
                    state = .trailer
                } else if step.consumed == 0 && step.produced == 0 {
                    // zlib wants more input than is buffered: get more, or the file ends here.
                    if !ensure(inEnd - inStart + 1) {
                        fail(at: offset, "truncated gzip member at byte \(offset) (deflate data ends early); read up to the break")
                        return 0
                    }
                }
                if step.produced > 0 { return step.produced }
            case .trailer:
                guard ensure(GzipMember.trailerSize) else {
                    fail(at: offset, "truncated gzip member at byte \(offset) (trailer missing); read up to the break")
                    return 0
                }
                let t = GzipMember.trailer(available)!
                let at = offset
                inStart += GzipMember.trailerSize
                membersDecoded += 1
                trailerValid = false
                if let d = deferredCRC {
                    d.addMember(.init(decodedStart: produced - size, decodedEnd: produced, expected: t.crc, fileOffset: memberStart, trailerOffset: at))
                }
                if deferredCRC == nil && t.crc != crc {
                    context.problem(offset: at, "CRC-32 mismatch in gzip member at byte \(memberStart) (trailer at byte \(at)); its data was read")
                } else if t.isize != UInt32(truncatingIfNeeded: size) {
                    context.problem(offset: at, "ISIZE mismatch in gzip member at byte \(memberStart) (trailer at byte \(at)); its data was read")
                } else {
                    trailerValid = deferredCRC == nil
                }
                state = singleMember ? .done : .header
            }
        }
    }

    /// Parses the next member header. Returns false when the state changed without a header
    /// (end of data, garbage), so the caller loops.
    private func readHeader() -> Bool {
        memberStart = offset
        deflateEnd = nil
        var want = 64
        while true {
            let have = ensure(want)
            if inStart == inEnd {
                // Clean end of data.
                if membersDecoded == 0 && !followsMember { fail(at: offset, "empty gzip data at byte \(offset)") } else { state = .done }
                return false
            }
            switch GzipMember.parseHeader(available) {
            case .success(let h):
                header = h
                inStart += h.length
                inflater.reset()
                crc = 0
                size = 0
                state = .body
                return true
            case .failure(.truncated):
                if !have && upstreamEnded || want >= input.count {
                    fail(at: memberStart, "truncated gzip header at byte \(memberStart); read up to the break")
                    return false
                }
                want = min(input.count, want * 4)
            case .failure(.notGzip):
                if membersDecoded > 0 || followsMember {
                    if restIsZeros() { state = .done } else {
                        fail(at: memberStart, "garbage after the last gzip member at byte \(memberStart); ignored")
                    }
                } else {
                    fail(at: memberStart, "not gzip data at byte \(memberStart)")
                }
                return false
            }
        }
    }

    /// Consumes the rest of the input; true when it is all zero bytes.
    private func restIsZeros() -> Bool {
        while true {
            let a = available
            if a.contains(where: { $0 != 0 }) { return false }
            inStart = inEnd
            if !ensure(1) { return true }
        }
    }
}
