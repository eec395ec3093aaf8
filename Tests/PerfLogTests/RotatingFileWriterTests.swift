import Foundation
import Testing

@testable import PerfLog

@Suite struct RotatingFileWriterTests {
    typealias F = WriterFixture

    @Test func writesLinesToThePlainActiveFile() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        for i in 0..<100 { F.write(w, F.line(seq: i)) }
        w.flush()
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<100))
        #expect(try F.files(dir) == ["app.log"])
        w.close()
        let s = w.statistics()
        #expect(s.linesAccepted == 100)
        #expect(s.linesDroppedByQueue == 0)
        #expect(s.linesLostToErrors == 0)
    }

    @Test func rotatesWhenSizeLimitIsReachedWithoutSplittingLines() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        var c = F.configuration(dir, clock: clock)
        c.rotation.maxBytes = 1000
        let w = try RotatingFileWriter(configuration: c)
        let longest = F.line(seq: 39).count
        for i in 0..<40 {
            F.write(w, F.line(seq: i))
            clock.advance(seconds: 0.001)
            if i % 7 == 0 { w.flush() }  // vary the batches
        }
        w.waitUntilIdle()
        let segments = try F.files(dir).filter { $0.hasSuffix(".log.gz") }
        #expect(segments.count >= 40 * F.line(seq: 0).count / 1000 - 1)
        for s in segments {
            let bytes = try F.gunzip(dir + "/" + s)
            #expect(bytes.count <= 1000)
            #expect(bytes.count > 1000 - longest)  // rotated only when the next line did not fit
            #expect(bytes.last == 0x0A)
            #expect(try F.verifyIndexes(dir + "/" + s) == 1)
        }
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<40))
        w.close()
    }

    @Test func aLineLongerThanTheSizeLimitGetsASegmentOfItsOwn() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir, clock: ManualClock(F.t0))
        c.rotation.maxBytes = 300
        let w = try RotatingFileWriter(configuration: c)
        F.write(w, F.line(seq: 0))
        F.write(w, F.line(seq: 1, pad: 1000))
        F.write(w, F.line(seq: 2))
        w.waitUntilIdle()
        #expect(try F.files(dir).filter { $0.hasSuffix(".gz") }.count == 2)
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [0, 1, 2])
        w.close()
    }

    @Test func rotatesOnAlignedTimeBoundariesWithAnInjectedClock() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(Timestamp(parsing: "2026-11-28T10:01:00Z")!)
        var c = F.configuration(dir, clock: clock)
        c.rotation.interval = .minutes(5)
        let w = try RotatingFileWriter(configuration: c)
        F.write(w, F.line(seq: 0))
        w.flush()
        clock.set(Timestamp(parsing: "2026-11-28T10:04:59.999Z")!)
        F.write(w, F.line(seq: 1))
        w.flush()
        #expect(try F.files(dir) == ["app.log"])
        clock.set(Timestamp(parsing: "2026-11-28T10:05:00.000Z")!)
        F.write(w, F.line(seq: 2))
        w.waitUntilIdle()
        #expect(try F.files(dir) == ["app-2026-11-28T10-05-00.000Z.log.gz", "app.log"])
        let seg = String(decoding: try F.gunzip(dir + "/app-2026-11-28T10-05-00.000Z.log.gz"), as: UTF8.self)
        #expect(try F.sequenceNumbers(seg.split(separator: "\n").map(String.init)) == [0, 1])
        // Next boundary is 10:10, not 10:05 + 5 min of wall time since start.
        clock.set(Timestamp(parsing: "2026-11-28T10:09:00Z")!)
        F.write(w, F.line(seq: 3))
        w.flush()
        clock.set(Timestamp(parsing: "2026-11-28T10:10:00.250Z")!)
        F.write(w, F.line(seq: 4))
        w.waitUntilIdle()
        #expect(
            try F.files(dir) == [
                "app-2026-11-28T10-05-00.000Z.log.gz", "app-2026-11-28T10-10-00.250Z.log.gz", "app.log",
            ])
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [0, 1, 2, 3, 4])
        w.close()
    }

    @Test func rotateOnDemandSplitsExactlyAtTheCall() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: ManualClock(F.t0)))
        for i in 0..<10 { F.write(w, F.line(seq: i)) }
        w.rotate()
        for i in 10..<15 { F.write(w, F.line(seq: i)) }
        w.rotate()
        w.rotate()  // nothing written since: no empty segment
        w.waitUntilIdle()
        let segs = try F.files(dir).filter { $0.hasSuffix(".gz") }
        #expect(segs.count == 2)
        let first = String(decoding: try F.gunzip(dir + "/" + segs[0]), as: UTF8.self).split(separator: "\n").map(
            String.init)
        #expect(try F.sequenceNumbers(first) == Array(0..<10))
        #expect(w.statistics().rotations == 2)
        w.close()
    }

    @Test func segmentNamesSortInTimeOrderAndNeverCollideInOneMillisecond() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        let w = try RotatingFileWriter(configuration: F.configuration(dir, clock: clock))
        for i in 0..<12 {
            F.write(w, F.line(seq: i))
            w.rotate()
            w.flush()
        }
        clock.advance(seconds: 0.0005)  // same millisecond
        F.write(w, F.line(seq: 12))
        w.rotate()
        w.flush()
        clock.advance(seconds: 1)
        F.write(w, F.line(seq: 13))
        w.rotate()
        w.waitUntilIdle()
        let segs = try F.files(dir).filter { $0.hasSuffix(".gz") }
        #expect(segs.count == 14)
        #expect(segs[0] == "app-2026-11-28T10-00-00.000Z.log.gz")
        #expect(segs[1] == "app-2026-11-28T10-00-00.000Z_001.log.gz")
        #expect(segs[13] == "app-2026-11-28T10-00-01.000Z.log.gz")
        // Byte-wise name order is rotation order: segment k holds event k.
        for (k, s) in segs.enumerated() {
            let lines = String(decoding: try F.gunzip(dir + "/" + s), as: UTF8.self).split(separator: "\n").map(
                String.init)
            #expect(try F.sequenceNumbers(lines) == [k])
        }
        w.close()
    }

    @Test func segmentNameParsesBack() {
        let n = SegmentName(base: "api", time: Timestamp(parsing: "2026-11-28T10:00:00.123456Z")!, sequence: 7)
        #expect(n.archiveFileName == "api-2026-11-28T10-00-00.123Z_007.log.gz")
        let p = SegmentName.parse(n.archiveFileName, base: "api")
        #expect(p?.name == n)
        #expect(SegmentName.parse(n.plainFileName, base: "api")?.kind == .plain)
        #expect(SegmentName.parse(n.temporaryFileName, base: "api")?.kind == .temporary)
        #expect(SegmentName.parse("api.log", base: "api") == nil)
        #expect(SegmentName.parse("api-x.log.gz", base: "api") == nil)
        #expect(SegmentName.parse(n.archiveFileName, base: "ap") == nil)
    }

    @Test func eightThreadsWithRotationEvery256KiBWriteEveryEventExactlyOnce() async throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.rotation.maxBytes = 256 * 1024
        c.compressionLevel = 1
        let w = try RotatingFileWriter(configuration: c)
        let threads = 8
        let perThread = 50_000
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<threads {
                group.addTask {
                    for i in 0..<perThread { F.write(w, F.line(seq: t * perThread + i)) }
                }
            }
        }
        w.close()
        let seqs = try F.fastSequenceNumbers(try F.allLines(dir))
        #expect(seqs.count == threads * perThread)
        #expect(Set(seqs).count == threads * perThread)
        #expect(seqs.sorted() == Array(0..<(threads * perThread)))
        // Per thread the order is kept.
        for t in 0..<threads {
            let mine = seqs.filter { $0 / perThread == t }
            #expect(mine == mine.sorted())
        }
        let s = w.statistics()
        #expect(s.linesAccepted == UInt64(threads * perThread))
        #expect(s.rotations > 100)
        #expect(s.segmentsCompressed == s.rotations)
        for f in try F.files(dir) where f.hasSuffix(".gz") {
            #expect(try F.gunzip(dir + "/" + f).count <= 256 * 1024)
            #expect(try F.verifyIndexes(dir + "/" + f) >= 1)
        }
    }

    @Test func blockPolicyLosesNothingWithATinyQueue() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.queueCapacity = 4096
        c.rotation.maxBytes = 64 * 1024
        let w = try RotatingFileWriter(configuration: c)
        for i in 0..<20_000 { F.write(w, F.line(seq: i)) }
        w.close()
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<20_000))
        #expect(w.statistics().linesDroppedByQueue == 0)
    }

    @Test func dropNewestCountsEveryDropAndReportsItInTheLog() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.queueCapacity = 4096
        c.overflowPolicy = .dropNewest
        let w = try RotatingFileWriter(configuration: c)
        let total = 100_000
        for i in 0..<total { F.write(w, F.line(seq: i)) }
        w.close()
        let lines = try F.allLines(dir)
        let seqs = try F.sequenceNumbers(lines)
        let s = w.statistics()
        var reported = 0
        for l in lines where l.contains(#""event":"dropped""#) {
            #expect(l.hasPrefix(#"{"ts":""#))
            #expect(
                l.contains(#","level":"warning","logger":"perflog","msg":"dropped events","event":"dropped","count":"#))
            let obj = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            reported += obj["count"] as! Int
        }
        #expect(UInt64(seqs.count) + s.linesDroppedByQueue == UInt64(total))
        #expect(UInt64(reported) == s.linesDroppedByQueue)
        #expect(Set(seqs).count == seqs.count)
        #expect(seqs == seqs.sorted())
    }

    @Test func closeDrainsTheQueueAndLaterWritesAreCounted() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RotatingFileWriter(configuration: F.configuration(dir))
        for i in 0..<10_000 { F.write(w, F.line(seq: i)) }
        w.close()
        F.write(w, F.line(seq: 99_999))
        w.flush()  // must not hang after close
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<10_000))
        #expect(w.statistics().linesDroppedByQueue == 1)
    }

    @Test func invalidConfigurationsAreRefusedWithAClearError() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.name = "a/b"
        #expect { try RotatingFileWriter(configuration: c) } throws: {
            ($0 as? WriterError)?.isInvalidConfiguration == true
        }
        c = F.configuration(dir)
        c.compressionLevel = 12
        #expect { try RotatingFileWriter(configuration: c) } throws: { "\($0)".contains("compression level 12") }
    }
}

@Suite struct RotatingFileWriterOptionTests {
    typealias F = WriterFixture

    @Test func withoutCompressionSegmentsStayPlainAndRetentionStillApplies() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(F.t0)
        var c = F.configuration(dir, clock: clock)
        c.compress = false
        c.retention.maxSegments = 2
        let w = try RotatingFileWriter(configuration: c)
        for i in 0..<4 {
            F.write(w, F.line(seq: i))
            w.rotate()
            w.flush()
            clock.advance(seconds: 1)
        }
        w.waitUntilIdle()
        #expect(
            try F.files(dir) == ["app-2026-11-28T10-00-02.000Z.log", "app-2026-11-28T10-00-03.000Z.log", "app.log"])
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == [2, 3])
        w.close()
    }

    @Test func anFsyncIntervalKeepsEverythingWritten() throws {
        let dir = try F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = F.configuration(dir)
        c.fsyncInterval = .milliseconds(1)
        c.rotation.maxBytes = 4096
        let w = try RotatingFileWriter(configuration: c)
        for i in 0..<500 {
            F.write(w, F.line(seq: i))
            if i % 100 == 0 { w.flush() }
        }
        w.close()
        #expect(try F.sequenceNumbers(try F.allLines(dir)) == Array(0..<500))
    }
}
