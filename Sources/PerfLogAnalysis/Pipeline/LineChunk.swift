/// A block of whole lines handed from the input layer to a consumer (the contract between
/// `Input/` and the scanner/aggregation stages).
///
/// Every line in ``bytes`` ends in `\n`; the input layer appends one to a final line that lacks it.
/// The bytes are valid only during the ``ChunkConsumer/consume(_:)`` call.
public struct LineChunk {
    /// Whole lines.
    public var bytes: UnsafeRawBufferPointer
    /// Index of the source in the resolved input list (``InputSummary/files``).
    public var sourceIndex: Int
    /// 1-based number of the first line within its source, when the reader knows it (sequential
    /// reads and indexed members do; a split of a plain file read in parallel may not).
    public var firstLine: Int?
    /// Offset of the first byte within the source's decoded (uncompressed) stream.
    public var byteOffset: UInt64

    public init(bytes: UnsafeRawBufferPointer, sourceIndex: Int, firstLine: Int?, byteOffset: UInt64) {
        self.bytes = bytes
        self.sourceIndex = sourceIndex
        self.firstLine = firstLine
        self.byteOffset = byteOffset
    }
}

/// Receives line chunks from the input layer. Each consumer is used by exactly one worker thread;
/// the input layer creates one per worker and the engine merges them afterwards.
public protocol ChunkConsumer: AnyObject {
    /// Consumes a block of whole lines.
    func consume(_ chunk: LineChunk)
    /// A line longer than the configured cap was skipped without being buffered whole.
    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64)
}
