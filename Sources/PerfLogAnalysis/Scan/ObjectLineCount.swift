/// Counts, in a stream of NDJSON bytes fed piece by piece, the lines that are not one JSON
/// object (what `perflog compress` warns about: a binary file or another format).
///
/// Blank lines are not counted. Lines split across pieces are joined; a final line without a
/// `\n` is counted by ``finish()``.
///
/// ```swift
/// var count = ObjectLineCount()
/// count.feed(piece)
/// count.finish()
/// if count.nonObjects > 0 { print("\(count.nonObjects) of \(count.lines) lines are not JSON objects") }
/// ```
@_spi(Internals) public struct ObjectLineCount {
    /// Lines seen (blank ones included).
    public private(set) var lines = 0
    /// Lines that are not one JSON object.
    public private(set) var nonObjects = 0
    /// The 1-based number of the first such line.
    public private(set) var firstNonObjectLine: Int?
    private var partial: [UInt8] = []
    private var scanner = LineScanner()
    private var record = ScannedRecord()

    /// Nothing counted yet.
    public init() {}

    /// Counts the lines that end in `bytes`, keeping a partial last line for the next piece.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            guard let p = ByteSearch.firstNewline(base + start, bytes.count - start) else {
                partial.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: bytes.count - start))
                return
            }
            let piece = UnsafeRawBufferPointer(start: base + start, count: p)
            if partial.isEmpty {
                check(piece)
            } else {
                partial.append(contentsOf: piece)
                let line = partial
                partial.removeAll(keepingCapacity: partial.count < 1 << 20)
                line.withUnsafeBytes { check($0) }
            }
            start += p + 1
        }
    }

    /// Counts a final line that has no `\n`.
    public mutating func finish() {
        guard !partial.isEmpty else { return }
        let line = partial
        partial.removeAll()
        line.withUnsafeBytes { check($0) }
    }

    private mutating func check(_ line: UnsafeRawBufferPointer) {
        lines += 1
        if case .malformed = scanner.scan(line, into: &record) {
            nonObjects += 1
            if firstNonObjectLine == nil { firstNonObjectLine = lines }
        }
    }
}
