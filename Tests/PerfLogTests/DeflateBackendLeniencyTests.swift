import Foundation
import Testing

@_spi(Internals) @testable import PerfLog

/// The deflate data on which ISA-L and zlib disagree, one reduced case per kind (found by
/// `FuzzDeflateBackends`), read by the streaming decoder with each: what README.md
/// ("Compression") says holds whichever library runs, with the exact outcome of each.
@Suite struct DeflateBackendLeniencyTests {
    typealias Equivalence = DeflateBackendEquivalenceTests

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// A fixed-Huffman block whose first match reaches 9 bytes before the stream's start.
    static let matchBeforeTheStart = bytes("23a4aac9cfa4014b601400014b601400")
    /// A fixed-Huffman block with distance code 30 (fixed Huffman codes 30 and 31 exist but mean nothing).
    static let distanceCode30 = bytes("03ffff3a347534d6012b4b4b012b4b4b")
    /// Dynamic blocks with an incomplete code set that ISA-L decodes to the end of the stream:
    /// the code-length code, the literal/length code, the distance code; with ISA-L's bytes.
    static let incompleteCodeSets: [(deflate: [UInt8], isal: [UInt8], zlibSays: String)] = [
        (
            bytes("05c131000000000ac0150000000000000000000000000000000000000ac000000000000000000000000ac0"),
            [0x9C, 0x9C], "invalid code lengths set"
        ),
        (bytes("05c1310ac0200c00c00518dbd7f6fdbd1e"), [], "invalid literal/lengths set"),
        (bytes("05c1310ac0200c00c0a126f6bd26f6bd743a7ea1f6bd"), [0x08], "invalid distances set"),
    ]
    /// A dynamic block header cut short after it already lacks an end-of-block code.
    static let cutInsideAnInvalidHeader = bytes("05030000")

    /// The piece sizes the decoder is fed in (compressed input, decoded output).
    static let pieces = [(1, 1), (7, 100), (4096, 65536), (1 << 20, 256 * 1024)]

    static func decode(_ file: [UInt8], _ backend: DeflateBackend) throws -> [Equivalence.Outcome] {
        try pieces.map { try Equivalence.decode(file, backend: backend, piece: $0.0, output: $0.1) }
    }

    /// zlib's own message for raw deflate data it rejects.
    static func zlibMessage(_ deflate: [UInt8]) throws -> String? {
        let inflater = try Inflater(backend: .zlib)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: deflate.count, alignment: 1)
        defer { input.deallocate() }
        input.copyBytes(from: deflate)
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        defer { out.deallocate() }
        do throws(DeflateError) {
            _ = try inflater.inflate(UnsafeRawBufferPointer(input), into: out)
            return nil
        } catch { return error.libraryMessage }
    }

    /// zlib stops at the first match; ISA-L writes it (from its cleared history) and then reports
    /// the same member corrupt. Not one byte of the member before appears in the corrupt one.
    @Test func aMatchBeforeTheStartNeverShowsTheMemberBefore() throws {
        let first = [UInt8](repeating: 0x51, count: 50_000)
        var file = Equivalence.member(
            deflate: try Equivalence.compress(first, level: 6, backend: .zlib), payload: first, indexed: false)
        let second = UInt64(file.count)
        file += Equivalence.member(deflate: Self.matchBeforeTheStart, payload: [], indexed: false)
        #expect(try Self.zlibMessage(Self.matchBeforeTheStart) == "invalid distance too far back")
        let corrupt = GzipStreamDecoder.Problem(kind: .corruptData, offset: second, memberStart: second)
        for got in try Self.decode(file, .zlib) {
            #expect(got.bytes == first)
            #expect(got.problems == [corrupt])
            #expect(got.members == 1)
        }
        guard DeflateBackend.isal.isAvailable else { return }
        for got in try Self.decode(file, .isal) {
            #expect(got.problems == [corrupt])
            #expect(got.members == 1)
            #expect(Array(got.bytes.prefix(first.count)) == first)
            #expect(Array(got.bytes.dropFirst(first.count)) == [0x1E, 0x01] + [UInt8](repeating: 0, count: 30))
        }
    }

    /// zlib rejects distance code 30 at once; ISA-L writes one match first, then reports it.
    @Test func distanceCode30IsCorruptWithEveryBackend() throws {
        let file = Equivalence.member(deflate: Self.distanceCode30, payload: [], indexed: false)
        #expect(try Self.zlibMessage(Self.distanceCode30) == "invalid distance code")
        let corrupt = GzipStreamDecoder.Problem(kind: .corruptData, offset: 0, memberStart: 0)
        for got in try Self.decode(file, .zlib) {
            #expect(got.bytes == [])
            #expect(got.problems == [corrupt])
        }
        guard DeflateBackend.isal.isAvailable else { return }
        for got in try Self.decode(file, .isal) {
            #expect(got.bytes == [0x03, 0x01, 0, 0, 0])
            #expect(got.problems == [corrupt])
        }
    }

    /// An incomplete code set: zlib reports the member corrupt and stops; ISA-L decodes it, the
    /// trailer matches what it decoded, and it reads on.
    @Test func incompleteCodeSetsAreCorruptForZlibAndReadByISAL() throws {
        let next = Array("next\n".utf8)
        for (deflate, isal, zlibSays) in Self.incompleteCodeSets {
            var file = Equivalence.member(deflate: deflate, payload: isal, indexed: false)
            file += Equivalence.member(
                deflate: try Equivalence.compress(next, level: 6, backend: .zlib), payload: next, indexed: false)
            #expect(try Self.zlibMessage(deflate) == zlibSays)
            for got in try Self.decode(file, .zlib) {
                #expect(got.bytes == [])
                #expect(got.problems == [GzipStreamDecoder.Problem(kind: .corruptData, offset: 0, memberStart: 0)])
                #expect(got.members == 0)
            }
            guard DeflateBackend.isal.isAvailable else { continue }
            for got in try Self.decode(file, .isal) {
                #expect(got.bytes == isal + next, "\(zlibSays)")
                #expect(got.problems == [], "\(zlibSays)")
                #expect(got.members == 2)
            }
        }
    }

    /// The data ends inside a block header that already lacks an end-of-block code: zlib says the
    /// member is cut short, ISA-L that it is corrupt; both name the member at byte 0.
    @Test func dataEndingInsideAnInvalidHeaderNamesTheSameMember() throws {
        let file = Array(
            Equivalence.member(deflate: Self.cutInsideAnInvalidHeader, payload: [], indexed: false).prefix(23))
        #expect(file.count == 23)  // the 19-byte header with FNAME, then the 4 bytes of deflate data
        let truncated = GzipStreamDecoder.Problem(kind: .truncatedData, offset: 23, memberStart: 0)
        for got in try Self.decode(file, .zlib) {
            #expect(got.bytes == [])
            #expect(got.problems == [truncated])
        }
        #expect(
            "\(truncated)" == "truncated gzip member at byte 0 (the data ends at byte 23, in its deflate data)")
        guard DeflateBackend.isal.isAvailable else { return }
        let corrupt = GzipStreamDecoder.Problem(kind: .corruptData, offset: 0, memberStart: 0)
        for got in try Self.decode(file, .isal) {
            #expect(got.bytes == [])
            #expect(got.problems == [corrupt])
        }
        #expect("\(corrupt)" == "corrupt deflate data in the gzip member at byte 0")
    }
}
