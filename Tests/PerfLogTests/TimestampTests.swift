import Testing

@testable import PerfLog

@Suite struct TimestampTests {
    @Test func formatsMicrosecondsAsRFC3339() {
        #expect(Timestamp(microseconds: 1_795_860_000_123_456).description == "2026-11-28T10:00:00.123456Z")
        #expect(Timestamp(microseconds: 0).description == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microseconds: -1).description == "1969-12-31T23:59:59.999999Z")
    }

    @Test func parsesWhatItWritesAndCommonVariants() {
        #expect(Timestamp(parsing: "2026-11-28T10:00:00.123456Z")?.microseconds == 1_795_860_000_123_456)
        #expect(Timestamp(parsing: "2026-11-28 10:00:00,123")?.microseconds == 1_795_860_000_123_000)
        #expect(Timestamp(parsing: "2026-11-28T11:00:00+01:00")?.microseconds == 1_795_860_000_000_000)
        #expect(Timestamp(parsing: "2026-11-28T10:00:00.1234567891Z")?.microseconds == 1_795_860_000_123_456)
        #expect(Timestamp(parsing: "2026-02-30T10:00:00Z") == nil)
        #expect(Timestamp(parsing: "2026-11-28T10:00:00Zjunk") == nil)
        #expect(Timestamp(parsing: "yesterday") == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        for us in stride(from: Int64(-2_000_000_000_000_000), to: 4_000_000_000_000_000, by: 7_777_777_777_777) {
            let t = Timestamp(microseconds: us)
            #expect(Timestamp(parsing: t.description) == t)
        }
    }
}
