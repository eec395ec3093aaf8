import ArgumentParser
import PerfLogAnalysis

/// The inputs of every reading command: paths, worker threads and the line-length cap.
struct InputArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Files, directories (every segment and the active file, in time order), globs, or - for standard input; plain or gzip. Without a path, standard input is read when it is not a terminal.",
            valueName: "paths"))
    var paths: [String] = []

    @Option(name: .long, help: "Worker threads (default: the number of cores, at most 8).")
    var threads: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Longest line accepted, in bytes; longer lines are counted as malformed and skipped.", valueName: "bytes"))
    var maxLineBytes: Int = 4 << 20

    mutating func validate() throws {
        if let t = threads, t < 1 || t > 256 {
            throw ValidationError("--threads must be between 1 and 256 (got \(t))")
        }
        if maxLineBytes < 64 || maxLineBytes > InputOptions.maxLineBytesLimit {
            throw ValidationError(
                "--max-line-bytes must be between 64 and \(InputOptions.maxLineBytesLimit) (1 GiB) (got \(maxLineBytes))"
            )
        }
    }

    /// The worker count to use.
    var workerThreads: Int {
        threads ?? min(8, max(1, SystemInfo.activeProcessorCount))
    }
}
