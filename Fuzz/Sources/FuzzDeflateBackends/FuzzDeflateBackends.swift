import FuzzSupport
@_spi(Internals) import PerfLog

/// Fuzzes the deflate backends against each other: the streaming inflaters (zlib and ISA-L)
/// through `GzipStreamDecoder`, the whole-member inflater (libdeflate), and the compressors
/// (zlib and libdeflate), whichever of them perflog was built with.
///
/// Invariants:
/// - the input read as gzip gives the same bytes, members and problems with every streaming backend,
///   except where a member breaks: there each inflater stops where it notices (so one's bytes are
///   a prefix of the other's) and may call the break corrupt or truncated, at the same member;
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
    for (backend, outcome) in zip(streaming, outcomes) where !outcome.agrees(with: outcomes[0]) {
        fuzzCheck(false, "\(backend) read \(outcome), zlib read \(outcomes[0])")
    }

    // As raw deflate, whole (libdeflate) against streaming zlib.
    if let whole = MemberInflater() {
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { out.deallocate() }
        if case .success(let used) = whole.inflate(bytes, into: out) {
            let reference = inflateRaw(bytes, backend: .zlib)
            fuzzCheck(
                reference.end == used.consumed,
                "libdeflate ends the stream at \(used.consumed), zlib at \(String(describing: reference.end))")
            fuzzCheck(
                reference.bytes == [UInt8](UnsafeRawBufferPointer(rebasing: out[0..<used.produced])),
                "libdeflate and zlib inflate to different bytes")
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
    var description: String { "\(bytes.count) bytes, \(members) members, \(problems)" }

    /// The same outcome, or the same up to the member that breaks: the same earlier problems and
    /// members, a last problem that is corrupt or truncated data at the same member, and bytes
    /// of which one side's are a prefix of the other's.
    func agrees(with other: Outcome) -> Bool {
        if self == other { return true }
        let breaks: [GzipStreamDecoder.Problem.Kind] = [.corruptData, .truncatedData]
        guard let a = problems.last, let b = other.problems.last, breaks.contains(a.kind), breaks.contains(b.kind),
            a.memberStart == b.memberStart, problems.dropLast() == other.problems.dropLast(), members == other.members
        else { return false }
        let common = min(bytes.count, other.bytes.count)
        return bytes[0..<common] == other.bytes[0..<common]
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
    else { return Outcome(bytes: [], problems: [], members: -1) }
    var problems: [GzipStreamDecoder.Problem] = []
    decoder.onProblem = { problems.append($0) }
    var bytes: [UInt8] = []
    let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 16)
    defer { out.deallocate() }
    while bytes.count < 4 << 20, case let n = decoder.read(into: out), n > 0 { bytes += out[0..<n] }
    return Outcome(bytes: bytes, problems: problems, members: decoder.membersDecoded)
}

/// Inflates raw deflate data with a streaming backend: the bytes, and where the stream ended
/// (`nil`: it did not end cleanly).
func inflateRaw(_ input: UnsafeRawBufferPointer, backend: DeflateBackend) -> (bytes: [UInt8], end: Int?) {
    guard let inflater = try? Inflater(backend: backend) else { return ([], nil) }
    let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    defer { out.deallocate() }
    var bytes: [UInt8] = []
    var at = 0
    while bytes.count < 4 << 20 {
        guard let step = try? inflater.inflate(UnsafeRawBufferPointer(rebasing: input[at...]), into: out) else {
            return (bytes, nil)
        }
        at += step.consumed
        bytes += out[0..<step.produced]
        if step.streamEnded { return (bytes, at - step.overread) }
        if step.consumed == 0 && step.produced == 0 { return (bytes, nil) }
    }
    return (bytes, nil)
}
