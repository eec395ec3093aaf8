import Foundation
import Testing

@testable import PerfLog

@Suite struct RetentionTests {
    typealias F = WriterFixture

    /// Writes `count` segments one minute apart, each with one line.
    static func makeSegments(_ w: RotatingFileWriter, _ clock: ManualClock, from: Int, count: Int) {
        for i in from..<(from + count) {
            F.write(w, F.line(seq: i, pad: 200))
            w.rotate()
            w.flush()
            clock.advance(seconds: 60)
        }
        w.waitUntilIdle()
    }

    @Test func keepsTheNewestSegmentsByCountAcrossARestart() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        var c = F.configuration(dir, clock: clock)
        c.retention.maxSegments = 3
        var w = try RotatingFileWriter(configuration: c)
        Self.makeSegments(w, clock, from: 0, count: 5)
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [2, 3, 4])
        #expect(w.statistics().segmentsDeleted == 2)
        w.close()
        c.retention.maxSegments = 2  // a restart with a tighter limit applies at start
        w = try RotatingFileWriter(configuration: c)
        w.waitUntilIdle()
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [3, 4])
        Self.makeSegments(w, clock, from: 5, count: 1)
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [4, 5])
        #expect(try F.files(dir).contains("app.log"))
        w.close()
    }

    @Test func deletesSegmentsOlderThanTheMaximumAgeByTheTimeInTheirName() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        var c = F.configuration(dir, clock: clock)
        c.retention.maxAge = .seconds(150)
        var w = try RotatingFileWriter(configuration: c)
        Self.makeSegments(w, clock, from: 0, count: 5)  // rotated at t0, +60, +120, +180, +240; now +300
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [3, 4])
        w.close()
        clock.advance(seconds: 3600)  // the app was down for an hour
        w = try RotatingFileWriter(configuration: c)
        w.waitUntilIdle()
        #expect(try F.files(dir) == ["app.log"])
        w.close()
    }

    @Test func keepsTheNewestSegmentsWithinTheTotalSize() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        var c = F.configuration(dir, clock: clock)
        let w0 = try RotatingFileWriter(configuration: c)
        Self.makeSegments(w0, clock, from: 0, count: 1)
        w0.close()
        let one = try F.files(dir).filter { $0.hasSuffix(".gz") }.map {
            try FileManager.default.attributesOfItem(atPath: dir + "/" + $0)[.size] as! Int
        }[0]
        c.retention.maxTotalBytes = Int64(one * 3 + one / 2)
        let w = try RotatingFileWriter(configuration: c)
        Self.makeSegments(w, clock, from: 1, count: 5)
        let kept = try F.sequenceNumbers(try F.allLines(dir))
        #expect(kept == [3, 4, 5])
        w.close()
    }

    @Test func policyChoosesVictimsOldestFirst() {
        let names = (0..<5).map {
            SegmentName(base: "a", time: Timestamp(microseconds: Int64($0) * 1_000_000), sequence: 0)
        }
        let archives = names.reversed().map { (name: $0, bytes: Int64(100)) }
        #expect(
            RetentionPolicy(rules: .init(maxSegments: 2)).victims(of: archives, now: Timestamp(microseconds: 0))
                == Array(names[0..<3]))
        #expect(
            RetentionPolicy(rules: .init(maxAge: .seconds(2))).victims(
                of: archives, now: Timestamp(microseconds: 4_000_000)) == Array(names[0..<2]))
        #expect(
            RetentionPolicy(rules: .init(maxTotalBytes: 250)).victims(of: archives, now: Timestamp(microseconds: 0))
                == Array(names[0..<3]))
        #expect(RetentionPolicy(rules: .init()).victims(of: archives, now: Timestamp(microseconds: 0)) == [])
    }
}
