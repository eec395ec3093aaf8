import Testing

@Suite struct PlaceholderTests_PerfLogMetricsTests {
    @Test func packageBuilds() { #expect(1 + 1 == 2) }
}
