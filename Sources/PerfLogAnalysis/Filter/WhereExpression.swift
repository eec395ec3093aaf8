import PerfLog

/// A `--where` expression: comparisons on any field, combined with `and`, `or`, `not` and
/// parentheses, evaluated against any ``FieldLookup`` (normally a ``ScannedRecord``).
///
/// ```swift
/// let e = try WhereExpression(parsing: "op ~ 'db.*' and (duration > 1.5s or status >= 500)")
/// if e.evaluate(record) { … }
/// ```
///
/// Syntax:
/// - fields: `op`, `status`, `duration_ms`, `meta.user_id`, any dotted path; `duration` is an
///   alias of `duration_ms` and `threshold` of `threshold_ms`;
/// - comparisons: `=` (or `==`), `!=`, `<`, `<=`, `>`, `>=`; `~` matches a glob (`'db.*'`) or,
///   with slashes, a regular expression (`~ /^api\.(GET|POST)/`, flag `i` for case-insensitive,
///   searched anywhere in the value, matched in linear time by ``LinearRegex``, whose syntax
///   docs/CHECK.md lists); `!~` is its negation;
/// - values: strings in single or double quotes (`\` escapes the next character), bare words
///   (`op = db.get_user`), numbers (`250`, `1.5e3`), durations with a unit converted to
///   milliseconds (`250ms`, `1.5s`, `2m`, `1h`, `500us`), `true`, `false`, `null`;
/// - `exists(field)`, or a field alone, is true when the field is present and not null;
/// - `and`, `or`, `not` (also `&&`, `||`, `!`), case-insensitive; `not` binds tightest, then
///   `and`, then `or`.
///
/// Semantics:
/// - a missing field (or a JSON null) makes every comparison false, `!=` and `!~` included
///   (as SQL's NULL does); `field = null` is true exactly when it is missing or null, and
///   `field != null` when it is present and not null;
/// - a number compares numerically with numbers and numeric strings (`"250"`);
/// - a string compares byte-wise with strings (and with the text of numbers: `status = "200"`);
/// - `level` compares by severity when the value is a level name: `level >= warning`;
/// - `ts` compares as a time when the value is an RFC 3339 time: `ts >= '2026-11-28T10:00:00Z'`.
public struct WhereExpression: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    let root: Node

    /// Parses `text`.
    ///
    /// - Throws: ``ParseError`` naming the 1-based column where the problem is.
    public init(parsing text: String) throws(ParseError) {
        source = text
        var parser = WhereParser(text)
        root = try parser.parseAll()
    }

    /// The expression as written.
    public var description: String { source }

    /// The fields the expression reads, in order of appearance, each once (aliases resolved:
    /// `duration` is `duration_ms`).
    public var fieldPaths: [FieldPath] {
        var out: [FieldPath] = []
        var stack = [root]
        while let node = stack.popLast() {
            switch node {
            case .all(let items), .any(let items): stack.append(contentsOf: items.reversed())
            case .not(let n): stack.append(n)
            case .exists(let f): if !out.contains(f.path) { out.append(f.path) }
            case .compare(let c): if !out.contains(c.field.path) { out.append(c.field.path) }
            }
        }
        return out
    }

    /// Whether `record` satisfies the expression.
    @_spi(Internals) public func evaluate(_ record: some FieldLookup) -> Bool {
        root.evaluate(LookupSource(lookup: record))
    }

    /// Whether `record` satisfies the expression (the scanner's record, with field names
    /// resolved at parse time).
    @_spi(Internals) public func evaluate(_ record: ScannedRecord) -> Bool {
        root.evaluate(record)
    }

    /// A syntax error in a `--where` expression.
    ///
    /// Its description names the problem and the column, and shows the expression with a caret:
    /// ```
    /// --where: expected a value after '>' at column 14
    ///   duration_ms >
    ///                ^
    /// ```
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The kinds of syntax error.
        public enum Code: String, Sendable, Equatable {
            /// A field name was expected (after `(`, `and`, `or`, `not`, or at the start).
            case expectedField
            /// A comparison operator (`=`, `!=`, `<`, `<=`, `>`, `>=`, `~`) was expected after a field.
            case expectedOperator
            /// A value (number, string, duration or `/regex/`) was expected after an operator.
            case expectedValue
            /// A `(` was not closed.
            case expectedClosingParenthesis
            /// A token stands where none of the above may.
            case unexpectedToken
            /// A quoted string has no closing quote.
            case unterminatedString
            /// A `/regex/` is not a valid regular expression.
            case invalidRegex
            /// A number (or duration) cannot be read.
            case invalidNumber
            /// Parentheses or `not`s are nested deeper than the parser allows.
            case tooDeeplyNested
            /// The expression is empty.
            case emptyExpression
        }

        /// What kind of syntax error.
        public var code: Code
        /// What is wrong, without the position.
        public var message: String
        /// The 1-based column (in characters) where the problem is.
        public var column: Int
        /// The whole expression.
        public var expression: String

        /// An error at the 1-based `column` of `expression`.
        public init(_ code: Code, _ message: String, column: Int, expression: String) {
            self.code = code
            self.message = message
            self.column = column
            self.expression = expression
        }

        /// The message with the column it points at.
        public var description: String {
            let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
            return "--where: \(message) at column \(column)\n  \(expression)\n  \(caret)"
        }
    }
}
