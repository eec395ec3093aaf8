import Logging
import Testing

@_spi(Internals) @testable import PerfLog

/// `appendMetadata(merging:_:_:)` writes the bytes of the merged dictionary, without building it;
/// a handler's cached encoding of its metadata follows every change of that metadata.
@Suite struct MergedMetadataEncodingTests {
    typealias S = LineTestSupport

    static func layer(_ g: inout SplitMix64) -> Logger.Metadata {
        PerformanceLoggerEncodingPropertyTests.randomMetadata(&g) ?? [:]
    }

    @Test func threeLayersEncodeAsTheirMergedDictionary() {
        var g = SplitMix64(seed: 0x6D65_7267_6564)
        let redactions = [MetadataRedaction.default, .none, MetadataRedaction.default.adding(["A", "request_id"])]
        for round in 0..<3_000 {
            let (low, mid, high) = (Self.layer(&g), Self.layer(&g), Self.layer(&g))
            let redaction = redactions[round % redactions.count]
            var merged = low
            merged.merge(mid) { _, new in new }
            merged.merge(high) { _, new in new }
            var expected = LineEncoder(capacity: 256)
            expected.appendMetadata(merged, redaction: redaction)
            var actual = LineEncoder(capacity: 256)
            actual.appendMetadata(merging: low, mid, high, redaction: redaction)
            #expect(actual.bytes == expected.bytes, "round \(round)")
        }
    }

    @Test func aKeyInEveryLayerIsWrittenOnceWithTheHighestValue() {
        var e = LineEncoder(capacity: 128)
        e.appendMetadata(
            merging: ["k": "low", "b": "1", "Token": "t"], ["k": "mid", "a": "2"], ["k": "high", "é": "3"],
            redaction: .default)
        #expect(
            String(decoding: e.bytes, as: UTF8.self)
                == #"{"Token":"[REDACTED]","a":"2","b":"1","k":"high","é":"3"}"#)
    }

    @Test func theCachedHandlerMetadataFollowsEveryChange() {
        let sink = InMemorySink()
        var log = PerfLogHandlerTests.logger(sink)
        log[metadataKey: "request_id"] = "r1"
        log.info("a")
        log.info("b")  // from the cache
        var other = log
        other[metadataKey: "request_id"] = "r2"
        other.info("c")
        log.info("d")  // the copy's change does not reach this logger's cache
        other.handler.metadata = ["password": "p"]
        other.info("e")
        if var h = other.handler as? PerfLogHandler {
            h.redaction = .none
            other.handler = h
        }
        other.info("f")
        #expect(
            sink.lines.map(S.normalized).map { $0.split(separator: ",").dropFirst(4).joined(separator: ",") } == [
                #""meta":{"request_id":"r1"}}"#,
                #""meta":{"request_id":"r1"}}"#,
                #""meta":{"request_id":"r2"}}"#,
                #""meta":{"request_id":"r1"}}"#,
                #""meta":{"password":"[REDACTED]"}}"#,
                #""meta":{"password":"p"}}"#,
            ])
    }
}
