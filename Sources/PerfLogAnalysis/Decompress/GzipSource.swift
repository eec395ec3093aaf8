@_spi(Internals) import PerfLog

/// A ``ByteSource`` of decoded bytes over gzip data pulled from an upstream source: the shared
/// ``GzipStreamDecoder``, with its problems recorded in the read context and decoded bytes
/// written straight into the reader's buffer.
///
/// Reading stops at a break (what was decoded before it is kept); a CRC-32 or ISIZE mismatch is
/// reported and reading goes on with the next member.
final class GzipSource: ByteSource {
    let decoder: GzipStreamDecoder

    /// - Parameters:
    ///   - startOffset: file offset of the first byte `upstream` yields.
    ///   - singleMember: stop after one member (members read one by one).
    ///   - followsMember: the data starts right after a complete member.
    ///   - deferredCRC: when set, CRCs are checked by the scanning threads instead of here.
    init(
        upstream: ByteSource, startOffset: UInt64, context: ReadContext, singleMember: Bool = false,
        followsMember: Bool = false, inputBufferSize: Int = 256 * 1024, deferredCRC: DeferredCRC? = nil
    ) {
        // The decoder only fails to be created when its inflater cannot allocate its state:
        // fatal, like any allocation failure.
        do {
            decoder = try GzipStreamDecoder(
                startOffset: startOffset, singleMember: singleMember, followsMember: followsMember,
                inputBufferSize: inputBufferSize
            ) { upstream.read(into: $0) }
        } catch { fatalError("\(error)") }
        decoder.onProblem = { problem in context.problem(offset: problem.offset, GzipSource.message(problem)) }
        if let deferredCRC {
            decoder.checksCRC = false
            decoder.onStreamEnd = { deferredCRC.addBoundary($0) }
            decoder.onTrailer = { t in
                deferredCRC.addMember(
                    .init(
                        decodedStart: t.decodedStart, decodedEnd: t.decodedEnd, expected: t.expectedCRC,
                        fileOffset: t.memberStart, trailerOffset: t.trailerOffset))
            }
        }
    }

    /// The problem as the summary states it: what happened and what was done about it.
    static func message(_ problem: GzipStreamDecoder.Problem) -> String {
        switch problem.kind {
        case .notGzip, .empty: return "\(problem)"
        case .crcMismatch, .isizeMismatch: return "\(problem); its data was read"
        case .trailingGarbage: return "\(problem); ignored"
        case .truncatedHeader, .corruptData, .truncatedData, .truncatedTrailer:
            return "\(problem); read up to the break"
        }
    }

    func read(into out: UnsafeMutableRawBufferPointer) -> Int { decoder.read(into: out) }
}
