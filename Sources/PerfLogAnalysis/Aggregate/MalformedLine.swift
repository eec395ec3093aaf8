/// One malformed line kept as an example.
public struct MalformedLine: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// Index of the source in the resolved input list.
    public var sourceIndex: Int
    /// The source's display name (a path, or `-` for standard input); filled in by the engine.
    public var source: String
    /// 1-based line number, when known.
    public var line: Int?
    /// Offset of the line's first byte in the source's decoded stream.
    public var byteOffset: UInt64
    /// Why the line was rejected.
    public var reason: String

    /// A malformed line of source `sourceIndex` (named `source`), at `line` (when known) and `byteOffset`.
    public init(sourceIndex: Int, source: String = "", line: Int?, byteOffset: UInt64, reason: String) {
        self.sourceIndex = sourceIndex
        self.source = source
        self.line = line
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// `file:line: reason`, or `file@offset: reason` when the line number is unknown.
    public var description: String {
        let name = source.isEmpty ? "#\(sourceIndex)" : source
        if let line { return "\(name):\(line): \(reason)" }
        return "\(name)@\(byteOffset): \(reason)"
    }

    /// By source, then by position in it.
    public static func < (a: MalformedLine, b: MalformedLine) -> Bool {
        (a.sourceIndex, a.byteOffset) < (b.sourceIndex, b.byteOffset)
    }
}
