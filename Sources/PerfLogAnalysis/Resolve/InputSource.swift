/// One resolved input: a file on disk or the standard input.
public struct InputSource: Sendable, Hashable, CustomStringConvertible {
    /// Where the bytes come from.
    public enum Kind: Sendable, Hashable {
        /// A regular file at this path.
        case file(String)
        /// The standard input (`-` on the command line).
        case stdin
    }

    /// Where the bytes come from.
    public var kind: Kind

    /// A source of `kind`.
    public init(_ kind: Kind) { self.kind = kind }

    /// A file source.
    public static func file(_ path: String) -> InputSource { InputSource(.file(path)) }
    /// The standard input.
    public static let stdin = InputSource(.stdin)

    /// The name used in reports and problems: the path, or `-` for stdin.
    public var description: String {
        switch kind {
        case .file(let path): return path
        case .stdin: return "-"
        }
    }
}
