import ArgumentParser
import PerfLogAnalysis

/// A duration option such as `--threshold 250ms`, parsed when the command line is: a number with
/// an optional unit (500us, 250ms, 1.5s, 2m, 1h; a bare number is milliseconds), finite and not
/// negative.
///
/// Options declare it with `transform: DurationArgument.init(parsing:)`, so that a bad value's
/// error says what was expected; the `ExpressibleByArgument` conformance gives the same parse to
/// any option that has no transform.
struct DurationArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// The text as given on the command line (shown in messages and as a default in help).
    let text: String
    /// The length, in milliseconds (finite, at least 0).
    let milliseconds: Double

    /// Parses `text` with ``DurationSpec/parseMilliseconds(_:argument:)``.
    ///
    /// - Throws: `ValidationError` saying what a duration looks like.
    init(parsing text: String) throws {
        let ms: Double
        do {
            ms = try DurationSpec.parseMilliseconds(text)
        } catch {
            throw ValidationError(error.message)
        }
        self.text = text
        milliseconds = ms
    }

    /// A duration whose text and length are known to agree (for defaults).
    init(milliseconds: Double, text: String) {
        self.milliseconds = milliseconds
        self.text = text
    }

    init?(argument: String) {
        guard let value = try? DurationArgument(parsing: argument) else { return nil }
        self = value
    }

    var description: String { text }
}
