/// Why the input arguments could not be resolved into readable sources.
///
/// The message names the argument as the user typed it, e.g. `perflog: no such file: logs/x.log`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The path does not exist.
        case noSuchFile
        /// A glob matched nothing.
        case noMatch
        /// The path exists but cannot be read (permissions, not a regular file or directory).
        case unreadable
        /// A directory holds no log files.
        case emptyDirectory
        /// `-` (stdin) was given more than once.
        case duplicateStdin
    }

    /// The kind of failure.
    public let code: Code
    /// The argument as given on the command line.
    public let argument: String
    /// An optional detail (e.g. the system error text).
    public let detail: String?

    /// An error about `argument` as the user typed it.
    public init(_ code: Code, argument: String, detail: String? = nil) {
        self.code = code
        self.argument = argument
        self.detail = detail
    }

    /// The message, naming the argument.
    public var description: String {
        let what: String
        switch code {
        case .noSuchFile: what = "no such file"
        case .noMatch: what = "no files match"
        case .unreadable: what = "cannot read"
        case .emptyDirectory: what = "no log files in directory"
        case .duplicateStdin: what = "stdin given more than once"
        }
        return "perflog: \(what): \(argument)" + (detail.map { " (\($0))" } ?? "")
    }
}
