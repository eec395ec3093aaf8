import Foundation
import Testing

/// Durations and intervals are parsed with the command line: a bad value is reported with the
/// option's name and what was expected, before any input is opened.
@Suite struct TypedArgumentTests {
    static let intervalHelp = "expected a number with a unit: 30s, 5m, 1h, 1d"

    @Test func aBadIntervalNamesTheOptionForEveryCommandThatTakesOne() throws {
        let cases: [([String], String)] = [
            (["analyze", "/nonexistent/perflog-file", "--every", "5"], "--every <interval>"),
            (["errors", "/nonexistent/perflog-file", "--every", "0s"], "--every <interval>"),
            (
                ["report", "/nonexistent/perflog-file", "--html", "/nonexistent/r.html", "--every", "5x"],
                "--every <interval>"
            ),
            (["top", "/nonexistent/perflog-file", "--window", "soon"], "--window <interval>"),
            (["top", "/nonexistent/perflog-file", "--interval", "1"], "--interval <interval>"),
        ]
        for (arguments, option) in cases {
            let r = try PerfLogBinary.run(arguments)
            let value = arguments.last!
            let expected = "Error: The value '\(value)' is invalid for '\(option)': "
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.hasPrefix(expected), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("/nonexistent/perflog-file"), "\(arguments): the input is not opened")
        }
        let zero = try PerfLogBinary.run(["errors", "/nonexistent/perflog-file", "--every", "0s"])
        #expect(
            zero.stderr.hasPrefix(
                "Error: The value '0s' is invalid for '--every <interval>': the interval must be at least 1us\n"))
        let unitless = try PerfLogBinary.run(["analyze", "/nonexistent/perflog-file", "--every", "5"])
        #expect(
            unitless.stderr.hasPrefix(
                "Error: The value '5' is invalid for '--every <interval>': \(Self.intervalHelp)\n"))
    }

    @Test func aBadOrNegativeThresholdNamesTheOptionAndSaysWhatADurationIs() throws {
        let word = try PerfLogBinary.run(["slow", "/nonexistent/perflog-file", "--threshold", "fast"])
        #expect(word.status == 1)
        #expect(
            word.stderr.hasPrefix(
                "Error: The value 'fast' is invalid for '--threshold <duration>': expected a number with an optional unit: 250ms, 1.5s, 2m, 1h, 500us; a bare number is milliseconds\n"
            ))
        let negative = try PerfLogBinary.run(["analyze", "/nonexistent/perflog-file", "--threshold=-5ms"])
        #expect(negative.status == 1)
        #expect(
            negative.stderr.hasPrefix(
                "Error: The value '-5ms' is invalid for '--threshold <duration>': expected a number with an optional unit: 250ms, 1.5s, 2m, 1h, 500us; a bare number is milliseconds\n"
            ))
    }

    @Test func aGoodIntervalAndThresholdGiveTheSameReportAsTheirDefaults() throws {
        let defaults = try PerfLogBinary.run(["slow", AnalyzeFixture.small.path, "--format", "json"])
        let spelled = try PerfLogBinary.run([
            "slow", AnalyzeFixture.small.path, "--format", "json", "--threshold", "0.1s",
        ])
        #expect(defaults.stdout == spelled.stdout)
        #expect(defaults.stdout.contains(#""threshold_ms":100.000"#))
        let every = try PerfLogBinary.run(["errors", AnalyzeFixture.small.path, "--every", "300s", "--format", "json"])
        #expect(every.stdout == (try AnalyzeFixture.expected("small.errors-every-5m.json")))
    }
}
