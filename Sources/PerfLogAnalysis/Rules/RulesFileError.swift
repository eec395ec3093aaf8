/// A rules file that could not be read: the file, the position (1-based line and column) and
/// what is wrong.
///
/// Its description reads `rules.yml:12:14: unknown stat 'p96' (expected p50, p90, …)`.
public struct RulesFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// Not valid YAML.
        case syntax
        /// Valid YAML that does not describe rules (a missing or unknown key, a wrong type or value).
        case invalid
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file's path as given.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars), when known.
    public var column: Int?
    /// What is wrong.
    public var message: String

    /// An error in `file` at `line` and `column` (1-based, when known).
    public init(_ code: Code, file: String, line: Int?, column: Int?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": " + message
    }
}
