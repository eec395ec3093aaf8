import ArgumentParser

/// perflog's exit statuses, the same for every subcommand (listed in README.md).
enum ExitStatus: Int32, CaseIterable {
    /// Success.
    case ok = 0
    /// An error: bad arguments, an unreadable input, a failed write.
    case error = 1
    /// A check or gate fired: an SLO rule (`check`) or a regression gate (`diff`).
    case fired = 2
    /// The input was incomplete: malformed lines or a truncated/corrupt archive. The report is still printed.
    case incomplete = 3

    var exitCode: ExitCode { ExitCode(rawValue) }
}
