import CZlib
import PerfLog
import Synchronization

/// Moves gzip CRC-32 checking off the inflating thread: the scanning threads compute the CRC of
/// the chunks they scan, cut at member boundaries, and the pieces are combined per member
/// (zlib's `crc32_combine`) as soon as a member's trailer and all of its pieces are in.
///
/// Decoded offsets count from the start of the decoded stream. Member boundaries are known
/// before the bytes around them are handed out (the inflater sees a member's end before its
/// last bytes leave the assembler), so every piece lies inside one member. Members are checked
/// in order and forgotten once checked, so memory stays bounded by what is in flight.
final class DeferredCRC: Sendable {
    struct Member: Sendable {
        var decodedStart: UInt64
        var decodedEnd: UInt64
        var expected: UInt32
        var fileOffset: UInt64
        var trailerOffset: UInt64
    }

    private struct State {
        /// Member ends not yet behind every checked member, ascending.
        var boundaries: [UInt64] = []
        /// CRC and length of each piece, by its start.
        var pieces: [UInt64: (crc: UInt32, length: UInt64)] = [:]
        /// Members whose trailer was read, not yet checked, in stream order.
        var members: [Member] = []
        var membersHead = 0
        var problems: [(UInt64, String)] = []
    }

    private let state = Mutex(State())

    /// A member's decoded data ends at `decodedOffset` (called by the inflating thread).
    func addBoundary(_ decodedOffset: UInt64) {
        state.withLock { $0.boundaries.append(decodedOffset) }
    }

    /// A member's trailer was read: its data must have CRC `expected`.
    func addMember(_ m: Member) {
        state.withLock { s in
            s.members.append(m)
            DeferredCRC.check(&s)
        }
    }

    /// Computes and records the CRC of decoded bytes at `offset`, cut at member boundaries.
    func account(offset: UInt64, bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let end = offset + UInt64(bytes.count)
        let cuts = state.withLock { s in s.boundaries.filter { $0 > offset && $0 < end } }
        var computed: [(UInt64, UInt32, UInt64)] = []
        var at = offset
        for cut in cuts + [end] where cut > at {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[Int(at - offset)..<Int(cut - offset)])
            computed.append((at, CRC32.update(0, slice), cut - at))
            at = cut
        }
        state.withLock { s in
            for (start, crc, length) in computed { s.pieces[start] = (crc, length) }
            DeferredCRC.check(&s)
        }
    }

    /// Checks the members at the head of the queue whose pieces are all in.
    private static func check(_ s: inout State) {
        while s.membersHead < s.members.count {
            let m = s.members[s.membersHead]
            var crc: UInt = 0
            var at = m.decodedStart
            var used: [UInt64] = []
            while at < m.decodedEnd, let p = s.pieces[at] {
                crc = crc32_combine(crc, UInt(p.crc), off_t(p.length))
                used.append(at)
                at += p.length
            }
            guard at >= m.decodedEnd else { return }  // pieces still in flight
            for u in used { s.pieces[u] = nil }
            if UInt32(truncatingIfNeeded: crc) != m.expected || at != m.decodedEnd {
                s.problems.append(
                    (
                        m.trailerOffset,
                        "CRC-32 mismatch in gzip member at byte \(m.fileOffset) (trailer at byte \(m.trailerOffset)); its data was read"
                    ))
            }
            s.membersHead += 1
            if s.membersHead > 1024 {
                s.members.removeFirst(s.membersHead)
                s.membersHead = 0
            }
            // Everything before this member's end has been seen: forget those boundaries and pieces.
            if let i = s.boundaries.firstIndex(where: { $0 > m.decodedEnd }) {
                s.boundaries.removeFirst(i)
            } else {
                s.boundaries.removeAll()
            }
        }
    }

    /// Reports the mismatches found (call after all chunks were scanned).
    func verify(context: ReadContext) {
        let problems = state.withLock { s in
            DeferredCRC.check(&s)
            return s.problems
        }
        for (offset, message) in problems { context.problem(offset: offset, message) }
    }
}
