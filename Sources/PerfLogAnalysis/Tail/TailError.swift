/// Why `perflog tail` cannot tail what it was given.
///
/// The message names the argument as typed, e.g. `cannot follow logs/app-….log.gz: it is a gzip
/// archive, which is never appended to`.
package struct TailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: Sendable, Equatable {
        /// The path does not exist, or a glob matched nothing.
        case noSuchFile
        /// A directory holds no active `*.log` file, or several.
        case noActiveFile
        /// The path exists but cannot be read.
        case unreadable
        /// `-f` was asked of a gzip archive.
        case followArchive
        /// `-` was combined with other paths under `-f`, or given twice.
        case standardInput
    }

    /// The kind of failure.
    package let code: Code
    /// What to tell the user.
    package let message: String

    /// An error of `code`.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
