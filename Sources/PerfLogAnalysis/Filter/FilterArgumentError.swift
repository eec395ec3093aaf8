/// A bad filter argument (`--since`, `--until`, `--every`, `--threshold`, a duration), naming the
/// argument and the value.
///
/// ```swift
/// // --since: invalid time '2h3' (expected RFC 3339 such as 2026-11-28T10:00:00Z, or a relative time such as 15m, 2h, 1d)
/// ```
public struct FilterArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of value was rejected.
    public enum Code: String, Sendable, Equatable {
        /// A time (`--since`, `--until`) that is neither RFC 3339 nor a relative time.
        case invalidTime
        /// A duration (`--threshold`, a rule's value) that is not a number with a unit.
        case invalidDuration
        /// An interval (`--every`) that is not a positive duration.
        case invalidInterval
    }

    /// What kind of value was rejected.
    public var code: Code
    /// The command-line argument, such as `--since`, when the caller named it.
    public var argument: String?
    /// The rejected text.
    public var value: String
    /// What was expected.
    public var message: String

    /// An error for `value` given to `argument`; `message` says what was expected.
    public init(_ code: Code, argument: String?, value: String, message: String) {
        self.code = code
        self.argument = argument
        self.value = value
        self.message = message
    }

    /// The message, naming the option.
    public var description: String {
        let what: String
        switch code {
        case .invalidTime: what = "invalid time"
        case .invalidDuration: what = "invalid duration"
        case .invalidInterval: what = "invalid interval"
        }
        return "\(argument ?? "value"): \(what) '\(value)' (\(message))"
    }
}
