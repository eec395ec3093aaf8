/// A block of whole lines handed from the input layer to a consumer (the contract between
/// `Read/`, `Decompress/` and the scanner/aggregation stages).
///
/// Every line in ``bytes`` ends in `\n`; the input layer appends one to a final line that lacks it.
/// The bytes are valid only during the ``ChunkConsumer/consume(_:)`` call.
@_spi(Internals) public struct LineChunk {
    /// Whole lines.
    public var bytes: UnsafeRawBufferPointer
    /// Index of the source in the resolved input list (``InputSummary/files``).
    public var sourceIndex: Int
    /// 1-based number of the first line within its source, when the reader knows it (sequential
    /// reads and indexed members do; a split of a plain file read in parallel may not).
    public var firstLine: Int?
    /// Offset of the first byte within the source's decoded (uncompressed) stream.
    public var byteOffset: UInt64
    /// Bytes after ``bytes`` that may be loaded (never used; their contents are unspecified):
    /// the padding of the input layer's buffers, which lets a scanner read whole words near the
    /// end of the last line.
    public var slack: Int

    /// A chunk of whole lines of source `sourceIndex`, starting at line `firstLine` (when known) and `byteOffset`, with
    /// `slack` readable bytes after it.
    public init(bytes: UnsafeRawBufferPointer, sourceIndex: Int, firstLine: Int?, byteOffset: UInt64, slack: Int = 0) {
        self.bytes = bytes
        self.sourceIndex = sourceIndex
        self.firstLine = firstLine
        self.byteOffset = byteOffset
        self.slack = max(0, slack)
    }
}

/// Receives line chunks from the input layer. Each consumer is used by exactly one worker thread;
/// the input layer creates one per worker and the engine merges them afterwards.
@_spi(Internals) public protocol ChunkConsumer: AnyObject {
    /// Consumes a block of whole lines.
    ///
    /// - Returns: the number of lines in the chunk (its `\n` bytes). The input layer numbers the
    ///   lines of the next chunk with it, so a consumer that splits lines anyway saves a second
    ///   pass over the bytes.
    func consume(_ chunk: LineChunk) -> Int
    /// A line longer than the configured cap was skipped without being buffered whole.
    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64)
}
