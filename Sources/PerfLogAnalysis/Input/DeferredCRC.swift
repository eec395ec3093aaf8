import CZlib
import PerfLog
import Synchronization

/// Moves gzip CRC-32 checking off the inflating thread: the scanning threads compute the CRC of
/// the chunks they scan, cut at member boundaries, and the pieces are combined per member
/// (zlib's `crc32_combine`) once the stream is read.
///
/// Decoded offsets count from the start of the decoded stream. Member boundaries are known
/// before the bytes around them are handed out (the inflater sees a member's end before its
/// last bytes leave the assembler), so every piece lies inside one member.
final class DeferredCRC: Sendable {
    struct Piece: Sendable {
        var start: UInt64
        var length: UInt64
        var crc: UInt32
    }

    struct Member: Sendable {
        var decodedStart: UInt64
        var decodedEnd: UInt64
        var expected: UInt32
        var fileOffset: UInt64
        var trailerOffset: UInt64
    }

    private struct State {
        var boundaries: [UInt64] = []
        var pieces: [Piece] = []
        var members: [Member] = []
    }

    private let state = Mutex(State())

    /// A member's decoded data ends at `decodedOffset` (called by the inflating thread).
    func addBoundary(_ decodedOffset: UInt64) {
        state.withLock { $0.boundaries.append(decodedOffset) }
    }

    /// A member's trailer was read: its data must have CRC `expected`.
    func addMember(_ m: Member) {
        state.withLock { $0.members.append(m) }
    }

    /// Computes and records the CRC of decoded bytes at `offset`, cut at member boundaries.
    func account(offset: UInt64, bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let end = offset + UInt64(bytes.count)
        let cuts = state.withLock { s in s.boundaries.filter { $0 > offset && $0 < end } }
        var pieces: [Piece] = []
        var at = offset
        for cut in cuts.sorted() + [end] where cut > at {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[Int(at - offset)..<Int(cut - offset)])
            pieces.append(Piece(start: at, length: cut - at, crc: CRC32.update(0, slice)))
            at = cut
        }
        state.withLock { $0.pieces.append(contentsOf: pieces) }
    }

    /// Checks every member whose trailer was read and reports mismatches.
    func verify(context: ReadContext) {
        let s = state.withLock { $0 }
        let pieces = s.pieces.sorted { $0.start < $1.start }
        var i = 0
        for m in s.members.sorted(by: { $0.decodedStart < $1.decodedStart }) {
            while i < pieces.count && pieces[i].start < m.decodedStart { i += 1 }
            var crc: UInt = 0
            var covered = m.decodedStart
            while i < pieces.count && pieces[i].start < m.decodedEnd {
                guard pieces[i].start == covered else { break }
                crc = crc32_combine(crc, UInt(pieces[i].crc), off_t(pieces[i].length))
                covered += pieces[i].length
                i += 1
            }
            guard covered == m.decodedEnd else { continue }  // not all of it was seen (cannot happen)
            if UInt32(truncatingIfNeeded: crc) != m.expected {
                context.problem(
                    offset: m.trailerOffset,
                    "CRC-32 mismatch in gzip member at byte \(m.fileOffset) (trailer at byte \(m.trailerOffset)); its data was read")
            }
        }
    }
}
