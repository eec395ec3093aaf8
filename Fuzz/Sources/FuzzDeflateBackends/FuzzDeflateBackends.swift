import FuzzSupport
@_spi(Internals) import PerfLog

/// Fuzzes the deflate backends against each other: the streaming inflaters (zlib and ISA-L)
/// through `GzipStreamDecoder`, the whole-member inflater (libdeflate), and the compressors
/// (zlib and libdeflate), whichever of them perflog was built with.
///
/// Invariants:
/// - the input read as gzip with ISA-L agrees with zlib's reading as README.md ("Compression")
///   defines it: the same bytes, members and problems, except from the first member where zlib
///   finds corrupt or truncated deflate data (``Outcome/agrees(with:input:)``);
/// - the input read as raw deflate: when libdeflate inflates it whole, zlib's streaming inflater
///   reads the same bytes and the stream ends at the same byte;
/// - the input compressed by every compressor (at the level its first byte picks) inflates back
///   to itself with every inflater.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let input = [UInt8](bytes)
    let piece = 1 + Int(size > 0 ? input[0] : 0) % 64

    // As gzip, with every streaming backend.
    let streaming = [DeflateBackend.zlib, .isal].filter(\.isAvailable)
    let outcomes = streaming.map { decode(input, backend: $0, piece: piece) }
    for (backend, outcome) in zip(streaming, outcomes) where !outcome.agrees(with: outcomes[0], input: input) {
        fuzzCheck(false, "\(backend) read \(outcome), zlib read \(outcomes[0])")
    }

    // As raw deflate, whole (libdeflate) against streaming zlib.
    if let whole = MemberInflater() {
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { out.deallocate() }
        if case .success(let used) = whole.inflate(bytes, into: out) {
            let reference = inflateRaw(bytes, backend: .zlib)
            let inflated = [UInt8](UnsafeRawBufferPointer(rebasing: out[0..<used.produced]))
            if reference.error == "invalid literal/length code" {
                // libdeflate decodes the fixed-Huffman literal/length codes 286 and 287 (README.md,
                // "Compression"): zlib stops there, having read a prefix of libdeflate's bytes.
                fuzzCheck(inflated.starts(with: reference.bytes), "libdeflate and zlib inflate to different bytes")
            } else {
                fuzzCheck(
                    reference.end == used.consumed,
                    "libdeflate ends the stream at \(used.consumed), zlib at \(String(describing: reference.end))")
                fuzzCheck(reference.bytes == inflated, "libdeflate and zlib inflate to different bytes")
            }
        }
    }

    // Round trips through every compressor and inflater.
    let level = Int32(size > 1 ? input[1] % 10 : 6)
    for compressor in [DeflateBackend.zlib, .libdeflate] where compressor.isAvailable {
        var deflate: [UInt8] = []
        do { _ = try Deflater(level: level, backend: compressor).compress(bytes, appendingTo: &deflate) } catch {
            fuzzCheck(false, "\(compressor) could not compress: \(error)")
        }
        for backend in streaming {
            let back = deflate.withUnsafeBytes { inflateRaw($0, backend: backend) }
            fuzzCheck(
                back.bytes == input && back.end == deflate.count,
                "\(compressor) level \(level) -> \(backend) is not a round trip")
        }
        if let whole = MemberInflater() {
            var out = [UInt8](repeating: 0, count: size + 1)
            let r = deflate.withUnsafeBytes { d in out.withUnsafeMutableBytes { whole.inflate(d, into: $0) } }
            guard case .success(let used) = r else {
                fuzzCheck(false, "libdeflate could not inflate \(compressor)'s output")
                continue
            }
            fuzzCheck(
                used.consumed == deflate.count && Array(out[0..<used.produced]) == input,
                "\(compressor) -> libdeflate is not a round trip")
        }
    }
    return 0
}

struct Outcome: Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var problems: [GzipStreamDecoder.Problem]
    var members: Int
    /// Decoded offset of each complete member's end.
    var memberEnds: [UInt64]
    var description: String { "\(bytes.count) bytes, \(members) members, \(problems)" }

    /// True when this (ISA-L's) reading agrees with zlib's as README.md ("Compression") defines
    /// it. Where they differ, zlib broke off at some member M (corrupt or truncated deflate data,
    /// the last problem it reports) and:
    /// - the members before M decode to the same bytes with the same problems;
    /// - within M, zlib's bytes are a prefix of this reading's (ISA-L never stops earlier);
    /// - this reading reports a problem at M too (any kind), unless zlib broke off at an
    ///   incomplete Huffman code set, which ISA-L accepts: then M may read cleanly.
    func agrees(with zlib: Outcome, input: [UInt8]) -> Bool {
        if self == zlib { return true }
        guard let broke = zlib.problems.last, broke.kind == .corruptData || broke.kind == .truncatedData else {
            return false
        }
        let before = zlib.problems.dropLast()
        guard members >= zlib.members, Array(memberEnds.prefix(zlib.members)) == zlib.memberEnds,
            problems.starts(with: before), bytes.starts(with: zlib.bytes)
        else { return false }
        if problems.count > before.count && problems[before.count].memberStart == broke.memberStart { return true }
        // No problem at M: only an incomplete code set, as zlib itself says.
        return members > zlib.members && zlibRejectsCodeSet(input, member: Int(broke.memberStart))
    }
}

/// True when zlib rejects the deflate data of the member at `member` for an incomplete or
/// over-subscribed Huffman code set ("invalid code lengths set", "invalid literal/lengths set",
/// "invalid distances set").
func zlibRejectsCodeSet(_ input: [UInt8], member: Int) -> Bool {
    input.withUnsafeBytes { bytes in
        guard member < bytes.count,
            case .success(let header) = GzipMember.parseHeader(UnsafeRawBufferPointer(rebasing: bytes[member...]))
        else { return false }
        let deflate = UnsafeRawBufferPointer(rebasing: bytes[(member + header.length)...])
        return inflateRaw(deflate, backend: .zlib).error?.hasSuffix(" set") == true
    }
}

/// Reads `input` as gzip through the shared decoder, `piece` bytes at a time.
func decode(_ input: [UInt8], backend: DeflateBackend, piece: Int) -> Outcome {
    var at = 0
    guard
        let decoder = try? GzipStreamDecoder(
            inputBufferSize: 4096, backend: backend,
            input: { buffer in
                let n = min(buffer.count, piece, input.count - at)
                input.withUnsafeBytes {
                    if n > 0 { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
                }
                at += n
                return n
            })
    else { return Outcome(bytes: [], problems: [], members: -1, memberEnds: []) }
    var problems: [GzipStreamDecoder.Problem] = []
    decoder.onProblem = { problems.append($0) }
    var memberEnds: [UInt64] = []
    decoder.onTrailer = { memberEnds.append($0.decodedEnd) }
    var bytes: [UInt8] = []
    let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 16)
    defer { out.deallocate() }
    while bytes.count < 4 << 20, case let n = decoder.read(into: out), n > 0 { bytes += out[0..<n] }
    return Outcome(bytes: bytes, problems: problems, members: decoder.membersDecoded, memberEnds: memberEnds)
}

/// Inflates raw deflate data with a streaming backend: the bytes, where the stream ended (`nil`:
/// it did not end cleanly) and the library's message when it found the data corrupt.
func inflateRaw(_ input: UnsafeRawBufferPointer, backend: DeflateBackend) -> (
    bytes: [UInt8], end: Int?, error: String?
) {
    guard let inflater = try? Inflater(backend: backend) else { return ([], nil, nil) }
    let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    defer { out.deallocate() }
    var bytes: [UInt8] = []
    var at = 0
    while bytes.count < 4 << 20 {
        let step: Inflater.Step
        do throws(DeflateError) {
            step = try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[at...]), into: out)
        } catch {
            return (bytes, nil, error.libraryMessage)
        }
        at += step.consumed
        bytes += out[0..<step.produced]
        if step.streamEnded { return (bytes, at - step.overread, nil) }
        if step.consumed == 0 && step.produced == 0 { return (bytes, nil, nil) }
    }
    return (bytes, nil, nil)
}
