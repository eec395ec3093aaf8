import Foundation
import PerfLog
import Testing

@testable import PerfLog

@Suite struct ResourceSamplerTests {
    @Test func parsesProcStatAfterTheCommandName() throws {
        let line =
            "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 50 0 0 20 0 9 0 12345 104857600 2560 18446744073709551615"
        let s = try #require(ResourceSampler.parseStat(line))
        #expect(s.cpu == 200)
        #expect(s.threads == 9)
        #expect(s.rssPages == 2560)
        #expect(ResourceSampler.parseStat("garbage") == nil)
        #expect(ResourceSampler.parseStat("1 (x) S 1 2") == nil)
    }

    @Test func writesOneResourceRecordPerSample() throws {
        let sink = InMemorySink()
        let sampler = ResourceSampler(sink: sink, interval: nil, process: "tests")
        var x = 0.0
        for i in 0..<200_000 { x += Double(i).squareRoot() }
        #expect(x > 0)
        sampler.sample()
        sampler.sample()
        #expect(sink.lines.count == 2)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(sink.lines[0].utf8)) as? [String: Any])
        #expect(o["event"] as? String == "resource")
        #expect(o["op"] as? String == "process")
        #expect(o["logger"] as? String == "perflog.resources")
        #expect((o["meta"] as? [String: String])?["process"] == "tests")
        #expect((o["meta"] as? [String: String])?["pid"] == String(getpid()))
        #if os(Linux)
            #expect((o["rss_bytes"] as? Int ?? 0) > 1_000_000)
            #expect((o["threads"] as? Int ?? 0) >= 1)
            #expect((o["open_fds"] as? Int ?? 0) >= 3)
            #expect((o["cpu_percent"] as? Double ?? -1) >= 0)
        #endif
        #expect(Array(o.keys).contains("interval_ms"))
    }

    @Test func theIntervalThreadSamplesUntilStopped() {
        let sink = InMemorySink()
        let sampler = ResourceSampler(sink: sink, interval: .milliseconds(10))
        var waited = 0
        while sink.lines.count < 2 && waited < 5000 {
            usleep(1000)
            waited += 1
        }
        sampler.stop()
        let n = sink.lines.count
        #expect(n >= 2)
        usleep(30_000)
        #expect(sink.lines.count == n)
    }
}
