import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

/// Every deflate backend perflog was built with reads the same members to the same bytes and
/// reports the same problems: random members (several levels, both compressors, foreign gzip
/// framing, hand-made block layouts) and adversarial ones (flipped bytes, truncations, garbage),
/// fed in pieces of many sizes.
extension SplitMix64 {
    /// A value in `0..<n` (0 when `n` is 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}

@Suite struct DeflateBackendEquivalenceTests {
    /// The suite's deterministic generator (LineEncoderPropertyTests' SplitMix64), so failures reproduce.
    typealias Random = SplitMix64

    /// Log-like lines, random bytes or a mix: payloads that compress well, not at all, or between.
    static func payload(_ r: inout Random, size: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        let kind = r.below(3)
        while out.count < size {
            switch kind {
            case 0:
                out +=
                    Array(
                        #"{"ts":"2026-12-02T10:00:00.\#(r.below(999_999))Z","event":"perf","op":"GET /items/\#(r.below(50))","duration_ms":\#(r.below(5000))}"#
                            .utf8) + [0x0A]
            case 1: out.append(UInt8(truncatingIfNeeded: r.next()))
            default:
                out +=
                    r.below(4) == 0
                    ? [UInt8(truncatingIfNeeded: r.next())] : Array("abcabcabd\n".utf8.prefix(1 + r.below(9)))
            }
        }
        return Array(out.prefix(size))
    }

    /// One gzip member around `deflate`: perflog's indexed header or another tool's plain one.
    static func member(deflate: [UInt8], payload: [UInt8], indexed: Bool) -> [UInt8] {
        let crc = payload.withUnsafeBytes { CRC32.update(0, $0) }
        var m: [UInt8]
        if indexed {
            let size = UInt64(GzipMember.perflogHeaderSize + deflate.count + GzipMember.trailerSize)
            let lines = UInt64(payload.filter { $0 == 0x0A }.count)
            m = GzipMember.header(
                index: MemberIndex(
                    memberSize: size, uncompressedSize: UInt64(payload.count), lineCount: lines, timeRange: nil),
                level: 6)
        } else {
            m = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3] + Array("name.log".utf8) + [0]  // FNAME set
        }
        m += deflate
        GzipMember.appendTrailer(crc: crc, size: UInt64(payload.count), to: &m)
        return m
    }

    static func compress(_ payload: [UInt8], level: Int32, backend: DeflateBackend) throws -> [UInt8] {
        var out: [UInt8] = []
        try payload.withUnsafeBytes { _ = try Deflater(level: level, backend: backend).compress($0, appendingTo: &out) }
        return out
    }

    static var streamingBackends: [DeflateBackend] { [DeflateBackend.zlib, .isal].filter(\.isAvailable) }
    static var compressors: [DeflateBackend] { [DeflateBackend.zlib, .libdeflate].filter(\.isAvailable) }

    /// What a backend makes of `file`: the decoded bytes and the problems, in order.
    struct Outcome: Equatable, CustomStringConvertible {
        var bytes: [UInt8]
        var problems: [GzipStreamDecoder.Problem]
        var members: Int
        /// Bytes of the members read to their end (all bytes when no member broke off).
        var wholeMemberBytes: UInt64
        var description: String {
            "\(bytes.count) bytes (\(wholeMemberBytes) in whole members), \(members) members, problems \(problems)"
        }
    }

    static func decode(_ file: [UInt8], backend: DeflateBackend, piece: Int, output: Int) throws -> Outcome {
        var at = 0
        let decoder = try GzipStreamDecoder(inputBufferSize: 4096, backend: backend) { buffer in
            let n = min(buffer.count, piece, file.count - at)
            file.withUnsafeBytes {
                if n > 0 { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
            }
            at += n
            return n
        }
        var problems: [GzipStreamDecoder.Problem] = []
        decoder.onProblem = { problems.append($0) }
        var bytes: [UInt8] = []
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: output, alignment: 16)
        defer { out.deallocate() }
        while case let n = decoder.read(into: out), n > 0 { bytes += out[0..<n] }
        let whole =
            decoder.failed && decoder.membersDecoded < decoder.membersStarted
            ? decoder.produced - decoder.memberSize : decoder.produced
        return Outcome(bytes: bytes, problems: problems, members: decoder.membersDecoded, wholeMemberBytes: whole)
    }

    /// `PERFLOG_ZLIB_ONLY=1` (the variable Package.swift reads) builds perflog on zlib alone; the
    /// CI script that builds that way runs the tests with it set.
    @Test func theZlibOnlyBuildUsesZlibForEveryRole() {
        guard ProcessInfo.processInfo.environment["PERFLOG_ZLIB_ONLY"] == "1" else { return }
        #expect(!DeflateBackend.libdeflate.isAvailable)
        #expect(!DeflateBackend.isal.isAvailable)
        #expect(DeflateBackend.compressor == .zlib)
        #expect(DeflateBackend.streamingInflater == .zlib)
        #expect(DeflateBackend.memberInflater == nil)
        #expect(MemberInflater() == nil)
    }

    /// The CRC-32 of gzip (whichever library computes it: ISA-L, libdeflate or zlib) equals the
    /// bit-at-a-time definition (reflected polynomial 0xEDB88320), over every length from 0 to
    /// 300 and random buffers up to 200 KiB continued from random split points.
    @Test func theCRCIsGzipsCRC32ForAnyLengthAndSplit() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
            }
            return ~c
        }
        #expect([UInt8]("123456789".utf8).withUnsafeBytes { CRC32.update(0, $0) } == 0xCBF4_3926)
        var r = Random(seed: 16)
        let big = (0..<(200 * 1024)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
        for n in 0...300 {
            let b = Array(big[0..<n])
            #expect(b.withUnsafeBytes { CRC32.update(0, $0) } == reference(b), "length \(n)")
        }
        for _ in 0..<20 {
            let n = r.below(big.count + 1)
            let cut = r.below(n + 1)
            let b = Array(big[0..<n])
            let whole = b.withUnsafeBytes { CRC32.update(0, $0) }
            let first = b.withUnsafeBytes { CRC32.update(0, UnsafeRawBufferPointer(rebasing: $0[0..<cut])) }
            let chained = b.withUnsafeBytes { CRC32.update(first, UnsafeRawBufferPointer(rebasing: $0[cut..<n])) }
            #expect(whole == chained, "length \(n) cut at \(cut)")
            #expect(whole == reference(b), "length \(n)")
        }
    }

    /// Random members, each compressed by every compressor, concatenated, read by every
    /// streaming backend in every piece and output size.
    @Test func randomMembersDecodeToTheSameBytesWithEveryBackend() throws {
        var r = Random(seed: 1)
        for round in 0..<12 {
            var file: [UInt8] = []
            var expected: [UInt8] = []
            for _ in 0..<(1 + r.below(3)) {
                let payload = Self.payload(&r, size: [0, 1, 100, 5000, 70_000][r.below(5)])
                for compressor in Self.compressors {
                    let level = Int32(r.below(10))
                    let deflate = try Self.compress(payload, level: level, backend: compressor)
                    file += Self.member(deflate: deflate, payload: payload, indexed: r.below(2) == 0)
                    expected += payload
                }
            }
            // A stored block, then an empty final fixed-Huffman block (what sync-flushing tools write).
            file += Self.member(
                deflate: [0x00, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63, 0x03, 0x00], payload: Array("abc".utf8),
                indexed: false)
            expected += Array("abc".utf8)
            for backend in Self.streamingBackends {
                for (piece, output) in [(1, 1), (3, 100), (7, 4096), (4096, 1), (1 << 20, 256 * 1024)] {
                    let got = try Self.decode(file, backend: backend, piece: piece, output: output)
                    #expect(got.problems == [], "round \(round), \(backend), pieces \(piece)/\(output)")
                    #expect(got.bytes == expected, "round \(round), \(backend), pieces \(piece)/\(output): \(got)")
                }
            }
        }
    }

    /// The whole-member inflater (libdeflate) reads what the streaming ones read, and says where
    /// the deflate data ends.
    @Test func wholeMembersInflateToTheSameBytesAndEnd() throws {
        guard let whole = MemberInflater() else { return }
        var r = Random(seed: 2)
        for _ in 0..<40 {
            let payload = Self.payload(&r, size: r.below(300_000))
            for compressor in Self.compressors {
                let deflate = try Self.compress(payload, level: Int32(r.below(10)), backend: compressor)
                let followed = deflate + [0x1F, 0x8B, 8, 0]  // what follows must not be read
                var out = [UInt8](repeating: 0, count: payload.count + 1)
                let result = followed.withUnsafeBytes { input in
                    out.withUnsafeMutableBytes { whole.inflate(input, into: $0) }
                }
                let used = try result.get()
                #expect(used.consumed == deflate.count)
                #expect(used.produced == payload.count)
                #expect(Array(out[0..<used.produced]) == payload)
            }
        }
    }

    /// Corrupted members: every backend decodes the same members to the same bytes and reports the
    /// same problems.
    ///
    /// Inside the member where the data breaks, each inflater stops where it notices (zlib rejects
    /// some damaged block headers that ISA-L reads on until an invalid code): there the bytes of
    /// one are a prefix of the other's. And at the very end of the data, where zlib sees that the
    /// last bits cannot be a deflate code, ISA-L (which decodes from lookup tables needing more
    /// bits) says the data ends early.
    @Test func adversarialMembersGetTheSameBytesAndProblemsWithEveryBackend() throws {
        let backends = Self.streamingBackends
        guard backends.count > 1 else { return }
        var r = Random(seed: 3)
        var differences: [String] = []
        var corrupt = 0
        var endOfData = 0
        var brokenMember = 0
        for round in 0..<400 {
            let payload = Self.payload(&r, size: 1 + r.below(20_000))
            let deflate = try Self.compress(
                payload, level: Int32(r.below(10)), backend: Self.compressors[r.below(Self.compressors.count)])
            var file = Self.member(deflate: deflate, payload: payload, indexed: r.below(2) == 0)
            file += Self.member(
                deflate: try Self.compress(Array("next\n".utf8), level: 6, backend: .zlib),
                payload: Array("next\n".utf8), indexed: false)
            switch r.below(4) {
            case 0: file[r.below(file.count)] ^= UInt8(1 << r.below(8))
            case 1: file = Array(file.prefix(r.below(file.count)))
            case 2: file += (0..<(1 + r.below(20))).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            default:
                let at = r.below(file.count)
                file.replaceSubrange(
                    at..<min(file.count, at + 1 + r.below(16)),
                    with: (0..<(1 + r.below(16))).map { _ in UInt8(truncatingIfNeeded: r.next()) })
            }
            let piece = [1, 13, 4096][r.below(3)]
            let outcomes = try backends.map {
                try Self.decode(file, backend: $0, piece: piece, output: [1, 4096, 65536][r.below(3)])
            }
            let reference = outcomes[0]
            if reference.problems.contains(where: { $0.kind == .corruptData }) { corrupt += 1 }
            for (backend, got) in zip(backends.dropFirst(), outcomes.dropFirst()) where got != reference {
                var relaxed = reference
                if let last = relaxed.problems.last, last.kind == .corruptData, let theirs = got.problems.last,
                    theirs.kind == .truncatedData,
                    theirs.offset == UInt64(file.count), theirs.memberStart == last.memberStart
                {
                    relaxed.problems[relaxed.problems.count - 1] = theirs
                    endOfData += 1
                }
                let common = min(relaxed.bytes.count, got.bytes.count)
                if relaxed.bytes != got.bytes,
                    relaxed.problems.last?.kind == .corruptData || relaxed.problems.last?.kind == .truncatedData,
                    relaxed.bytes[0..<common] == got.bytes[0..<common], UInt64(common) >= relaxed.wholeMemberBytes
                {
                    relaxed.bytes = got.bytes
                    brokenMember += 1
                }
                if got != relaxed { differences.append("round \(round): zlib \(reference), \(backend) \(got)") }
            }
        }
        #expect(differences == [])
        #expect(corrupt > 50)  // the rounds do exercise corrupt data
        #expect(endOfData + brokenMember < corrupt / 2)
    }
}
