import FuzzSupport
@_spi(Internals) import PerfLog
@_spi(Internals) import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#endif

/// Fuzzes the gzip member reader: `GzipMember.parseHeader`, `MemberIndex(data:)`,
/// `GzipStreamDecoder` pulling uneven pieces, and the analyzer's input layer (`InputReader`, which
/// trusts perflog's FEXTRA index to read members in parallel) on the same bytes as a file.
///
/// Invariant: when the sequential decoder reads the whole input without error, the input layer
/// yields exactly the same lines (as a multiset: members read in parallel arrive in any order),
/// whatever the index claims. A lying index may be reported, never silently trusted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if case .success(let h) = GzipMember.parseHeader(bytes) {
        fuzzCheck(h.length >= 10 && h.length <= size, "header length \(h.length) of \(size)")
    }
    if size >= MemberIndex.dataLength {
        _ = MemberIndex(data: UnsafeRawBufferPointer(rebasing: bytes[0..<MemberIndex.dataLength]))
    }

    // Sequential reference, pulled in pieces of 1, 8, 57, ... bytes.
    var decoded: [UInt8] = []
    var complete = false
    var at = 0
    var step = 1
    let decoder = try? GzipStreamDecoder { buffer in
        let n = min(step, buffer.count, size - at)
        if n > 0 { buffer.baseAddress!.copyMemory(from: data + at, byteCount: n) }
        at += n
        step = step * 7 + 1
        return n
    }
    if let decoder {
        var problems = 0
        decoder.onProblem = { _ in problems += 1 }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        while case let n = decoder.read(into: out), n > 0 { decoded.append(contentsOf: out[0..<n]) }
        out.deallocate()
        complete = problems == 0 && size > 0
    }

    // The input layer, on a file.
    let path = "/tmp/perflog-fuzz-gzip-\(getpid()).gz"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    var written = 0
    while written < size {
        let w = write(fd, data + written, size - written)
        if w <= 0 { break }
        written += w
    }
    close(fd)
    for threads in [1, 2] {
        let reader = InputReader(sources: [.file(path)], options: InputOptions(threads: threads, maxLineBytes: 1 << 20))
        let (consumers, summary) = reader.run { _ in LineCollector() }
        _ = summary.problems.map(\.description)
        if complete {
            var got = consumers.flatMap(\.lines)
            var want = splitLines(decoded)
            got.sort { $0.lexicographicallyPrecedes($1) }
            want.sort { $0.lexicographicallyPrecedes($1) }
            let oversized = consumers.reduce(0) { $0 + $1.oversized }
            fuzzCheck(
                oversized > 0 || got == want,
                "input layer lines differ from the decoder's (threads \(threads)): \(got.count) vs \(want.count); problems: \(summary.problems)"
            )
        }
    }
    return 0
}

func splitLines(_ b: [UInt8]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var start = 0
    for i in 0..<b.count where b[i] == 0x0A {
        out.append(Array(b[start..<i]))
        start = i + 1
    }
    if start < b.count { out.append(Array(b[start...])) }
    return out
}

final class LineCollector: ChunkConsumer {
    var lines: [[UInt8]] = []
    var oversized = 0
    func consume(_ chunk: LineChunk) -> Int {
        let b = chunk.bytes
        fuzzCheck(!b.isEmpty && b[b.count - 1] == 0x0A, "a chunk must hold whole lines")
        var start = 0
        var n = 0
        for i in 0..<b.count where b[i] == 0x0A {
            lines.append(Array(b[start..<i]))
            start = i + 1
            n += 1
        }
        return n
    }
    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) { oversized += 1 }
}
