import Testing

@Suite struct PlaceholderTests_PerfLogAnalysisTests {
    @Test func packageBuilds() { #expect(1 + 1 == 2) }
}
