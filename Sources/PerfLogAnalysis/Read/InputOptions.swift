import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How ``InputReader`` reads its sources.
public struct InputOptions: Sendable {
    /// Worker threads, each with its own consumer. Defaults to the number of active processors.
    public var threads: Int
    /// Lines longer than this many bytes (not counting the `\n`) are skipped and reported
    /// through ``ChunkConsumer/oversizedLine(sourceIndex:line:byteOffset:length:)``. Default 4 MiB;
    /// at most ``maxLineBytesLimit``.
    public var maxLineBytes: Int
    /// When set, archive members whose indexed time range lies entirely outside this window are
    /// skipped without being inflated. Lines are not filtered here: the filter stage does that.
    public var timeWindow: ClosedRange<Timestamp>?
    /// Show a progress line on stderr for inputs over about 100 MB. The CLI passes `isatty(2)`.
    public var progress: Bool
    /// Hand the lines of a stream (stdin, a pipe) over as soon as each read returns them, rather
    /// than in full buffers: for following a pipe as it is written. Read with one thread only.
    public var deliversEachRead = false

    /// Options; every argument has the default `perflog analyze` uses.
    public init(
        threads: Int = InputOptions.activeProcessorCount,
        maxLineBytes: Int = 4 * 1024 * 1024,
        timeWindow: ClosedRange<Timestamp>? = nil,
        progress: Bool = false
    ) {
        self.threads = max(1, threads)
        self.maxLineBytes = min(max(1, maxLineBytes), InputOptions.maxLineBytesLimit)
        self.timeWindow = timeWindow
        self.progress = progress
    }

    /// The largest line-length cap, in bytes (1 GiB): a line is held whole in memory while it is
    /// assembled, and the cap plus one must not overflow.
    public static let maxLineBytesLimit = 1 << 30

    /// The number of processors available to this process.
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
