/// A problem met while reading an input: the run goes on, but the input was incomplete.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    /// The source's name as in ``InputSummary/files``.
    public var file: String
    /// Byte offset in the file on disk (compressed offset for gzip), when known.
    public var offset: UInt64?
    /// What happened, e.g. `truncated gzip member at byte 123456; read up to the break`.
    public var message: String

    /// A problem in `file` at byte `offset` (when known).
    public init(file: String, offset: UInt64?, message: String) {
        self.file = file
        self.offset = offset
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}

/// What ``InputReader/run(makeConsumer:)`` read.
public struct InputSummary: Sendable {
    /// The sources in resolution order (``LineChunk/sourceIndex`` indexes this).
    public var files: [String]
    /// Bytes read from disk (or stdin): compressed bytes for gzip.
    public var bytesRead: UInt64
    /// Bytes of lines delivered after decompression.
    public var bytesDecoded: UInt64
    /// Indexed archive members skipped because their time range is outside the window.
    public var membersSkipped: Int
    /// Everything that went wrong, in no particular order across threads.
    public var problems: [InputProblem]

    /// A summary from its counts.
    public init(
        files: [String], bytesRead: UInt64 = 0, bytesDecoded: UInt64 = 0, membersSkipped: Int = 0,
        problems: [InputProblem] = []
    ) {
        self.files = files
        self.bytesRead = bytesRead
        self.bytesDecoded = bytesDecoded
        self.membersSkipped = membersSkipped
        self.problems = problems
    }

    /// True when a problem was met (a truncated or corrupt archive, an unreadable file): the
    /// CLI exits with status 3 after printing its report.
    public var isIncomplete: Bool { !problems.isEmpty }
}
