/// Why a line is not exactly one JSON object, and where the scanner noticed it.
///
/// ```swift
/// MalformedReason(.unexpectedEnd, offset: 41).description
/// // "unexpected end of line at byte 42"
/// ```
public struct MalformedReason: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of malformation the scanner distinguishes.
    public enum Code: String, Sendable, Hashable {
        /// The first non-blank byte is not `{`.
        case notAnObject = "not a JSON object"
        /// The line ends inside the object (a torn or truncated line).
        case unexpectedEnd = "unexpected end of line"
        /// A byte that JSON does not allow at that place.
        case unexpectedByte = "unexpected byte"
        /// A raw control character (U+0000–U+001F, including NUL) inside a string.
        case controlCharacterInString = "control character inside a string"
        /// A backslash escape JSON does not define, or a `\u` without four hex digits.
        case invalidEscape = "invalid escape in a string"
        /// A number that does not follow JSON's number syntax.
        case invalidNumber = "invalid number"
        /// Something that starts like `true`, `false` or `null` but is not.
        case invalidLiteral = "invalid literal"
        /// Objects and arrays nested deeper than the scanner's cap.
        case nestingTooDeep = "nesting too deep"
        /// Bytes after the object's closing brace (a second object, garbage).
        case trailingData = "data after the object"
    }

    /// What is wrong.
    public var code: Code
    /// The 0-based byte offset in the line (as handed to the scanner) where it was noticed.
    public var offset: Int

    /// A reason with its code and 0-based byte offset.
    public init(_ code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    /// `reason at byte N` (1-based).
    public var description: String { "\(code.rawValue) at byte \(offset + 1)" }
}
