import Testing

@Suite struct PlaceholderTests_PerfLogCLITests {
    @Test func packageBuilds() { #expect(1 + 1 == 2) }
}
