import PerfLog
import Testing

@testable import PerfLogAnalysis

@Suite struct TimeSpecTests {
    static let now = Timestamp(parsing: "2026-11-28T12:00:00Z")!

    func parse(_ text: String) throws -> String {
        try TimeSpec.parse(text, now: Self.now, argument: "--since").description
    }

    @Test func parsesAbsoluteTimes() throws {
        #expect(try parse("2026-11-28T10:00:00Z") == "2026-11-28T10:00:00.000000Z")
        #expect(try parse("2026-11-28T10:00:00.5+01:00") == "2026-11-28T09:00:00.500000Z")
        #expect(try parse("2026-11-28 10:00:00") == "2026-11-28T10:00:00.000000Z")
        #expect(try parse("2026-11-28") == "2026-11-28T00:00:00.000000Z")
        #expect(try parse("now") == "2026-11-28T12:00:00.000000Z")
    }

    @Test func parsesRelativeTimesAsNowMinus() throws {
        #expect(try parse("15m") == "2026-11-28T11:45:00.000000Z")
        #expect(try parse("2h") == "2026-11-28T10:00:00.000000Z")
        #expect(try parse("1d") == "2026-11-27T12:00:00.000000Z")
        #expect(try parse("30s") == "2026-11-28T11:59:30.000000Z")
        #expect(try parse("1w") == "2026-11-21T12:00:00.000000Z")
        #expect(try parse("1h30m") == "2026-11-28T10:30:00.000000Z")
        #expect(try parse("-15m") == "2026-11-28T11:45:00.000000Z")
        #expect(try parse("2h ago") == "2026-11-28T10:00:00.000000Z")
        #expect(try parse("1.5h") == "2026-11-28T10:30:00.000000Z")
    }

    @Test func rejectsBadTimesNamingTheArgumentAndValue() {
        for bad in ["", "2h3", "yesterday", "15", "2026-13-01", "15x", "h"] {
            do {
                _ = try TimeSpec.parse(bad, now: Self.now, argument: "--since")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.code == .invalidTime)
                #expect(error.description.hasPrefix("--since: invalid time '\(bad)' (expected RFC 3339"))
            }
        }
    }

    @Test func parsesDurationsInMilliseconds() throws {
        #expect(try DurationSpec.parseMilliseconds("1.5s") == 1500)
        #expect(try DurationSpec.parseMilliseconds("250ms") == 250)
        #expect(try DurationSpec.parseMilliseconds("250") == 250)
        #expect(try DurationSpec.parseMilliseconds("2m") == 120_000)
        #expect(try DurationSpec.parseMilliseconds("1h") == 3_600_000)
        #expect(try DurationSpec.parseMilliseconds("500us") == 0.5)
        #expect(try DurationSpec.parseMilliseconds("500µs") == 0.5)
        #expect(try DurationSpec.parseMilliseconds(" 1e3ms ") == 1000)
    }

    @Test func rejectsBadDurations() {
        for bad in ["", "ms", "1.5x", "-5ms", "abc", "1 s"] {
            #expect(throws: FilterArgumentError.self, "\(bad)") {
                try DurationSpec.parseMilliseconds(bad, argument: "--threshold")
            }
        }
        do {
            _ = try DurationSpec.parseMilliseconds("1.5x", argument: "--threshold")
        } catch {
            #expect(
                error.description
                    == "--threshold: invalid duration '1.5x' (expected a number with an optional unit: 250ms, 1.5s, 2m, 1h, 500us; a bare number is milliseconds)"
            )
        }
    }

    @Test func aDurationTooLongForADoubleIsRejected() throws {
        // 1e301 weeks is a finite number of weeks but no finite number of milliseconds.
        #expect(
            throws: FilterArgumentError(
                .invalidDuration, argument: "--threshold", value: "1e301w", message: "longer than any duration can be")
        ) { try DurationSpec.parseMilliseconds("1e301w", argument: "--threshold") }
        #expect(try DurationSpec.parseMilliseconds("1e300ms") == 1e300)
        // Intervals: 20,000,000 weeks is 1.2e19 us, over what 64 bits hold; 1e301 weeks is not
        // even a finite number of milliseconds.
        for huge in ["20000000w", "1e301w"] {
            #expect(
                throws: FilterArgumentError(
                    .invalidInterval, argument: "--every", value: huge,
                    message: "the interval must be under 292,000 years")
            ) { try DurationSpec.parseInterval(huge, argument: "--every") }
        }
        #expect(try DurationSpec.parseInterval("10000000w") == 6_048_000_000_000_000_000)
    }

    @Test func parsesIntervalsInMicroseconds() throws {
        #expect(try DurationSpec.parseInterval("5m") == 300_000_000)
        #expect(try DurationSpec.parseInterval("30s") == 30_000_000)
        #expect(try DurationSpec.parseInterval("1h") == 3_600_000_000)
        #expect(try DurationSpec.parseInterval("250ms") == 250_000)
        #expect(try DurationSpec.parseInterval("1d") == 86_400_000_000)
    }

    @Test func rejectsIntervalsWithoutAUnitOrNotPositive() {
        for bad in ["300", "0s", "0.0001us", "x", "5y", ""] {
            #expect(throws: FilterArgumentError.self, "\(bad)") {
                try DurationSpec.parseInterval(bad, argument: "--every")
            }
        }
    }

    @Test func randomInputNeverCrashes() {
        var rng = SplitMix64(seed: 5)
        let pieces = [
            "1", "9", "0", ".", "-", "+", "e", "E", "ms", "s", "m", "h", "d", "w", "us", "µs", " ", "ago", "T", ":",
            "Z", "2026-11-28", "99999999999999999999", "1e400", "nan", "inf",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            _ = try? TimeSpec.parse(text, now: Self.now)
            if let ms = try? DurationSpec.parseMilliseconds(text) { #expect(ms.isFinite && ms >= 0, "\(text)") }
            if let us = try? DurationSpec.parseInterval(text) { #expect(us > 0, "\(text)") }
        }
    }
}
