import ArgumentParser
import PerfLogAnalysis

/// An interval option such as `--every 5m` or `--window 1m`, parsed when the command line is: a
/// number with a unit (30s, 5m, 1h, 1d), at least one microsecond.
///
/// Options declare it with `transform: IntervalArgument.init(parsing:)`, so that a bad value's
/// error says what was expected; the `ExpressibleByArgument` conformance gives the same parse to
/// any option that has no transform.
struct IntervalArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// The text as given on the command line (shown in messages and as a default in help).
    let text: String
    /// The length, in microseconds (at least 1).
    let microseconds: Int64

    /// Parses `text` with ``DurationSpec/parseInterval(_:argument:)``.
    ///
    /// - Throws: `ValidationError` saying what an interval looks like.
    init(parsing text: String) throws {
        do {
            microseconds = try DurationSpec.parseInterval(text)
        } catch {
            throw ValidationError(error.message)
        }
        self.text = text
    }

    /// An interval whose text and length are known to agree (for defaults).
    init(microseconds: Int64, text: String) {
        self.microseconds = microseconds
        self.text = text
    }

    init?(argument: String) {
        guard let value = try? IntervalArgument(parsing: argument) else { return nil }
        self = value
    }

    var description: String { text }
}
