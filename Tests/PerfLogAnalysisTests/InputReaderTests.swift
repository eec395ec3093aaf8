import Foundation
import Testing

@testable import PerfLog
@testable import PerfLogAnalysis

@Suite struct InputReaderTests {
    @Test func plainFileDeliversEveryLineOnceWithAnyThreadCount() throws {
        let dir = InputFixtures.tempDir()
        let expected = InputFixtures.lines(120_000)  // about 10 MB: several parallel blocks
        InputFixtures.write(InputFixtures.bytes(expected), to: dir + "/a.ndjson")
        for threads in [1, 2, 3] {
            let r = InputFixtures.read(dir + "/a.ndjson", threads: threads)
            #expect(r.lines.count == expected.count)
            #expect(r.lines.sorted() == expected.sorted())
            #expect(r.consumers.allSatisfy { $0.badChunks == 0 })
            #expect(r.summary.problems.isEmpty)
            #expect(r.summary.bytesRead == UInt64(InputFixtures.bytes(expected).count))
            #expect(r.summary.bytesDecoded == r.summary.bytesRead)
        }
    }

    @Test func blocksSplitAFileAtAnyOffsetWithoutLosingOrRepeatingALine() throws {
        let dir = InputFixtures.tempDir()
        let expected = ["a", "", "bb", "ccc", "", "", "dddddddddd", "e"]
        let bytes = Array((expected.joined(separator: "\n")).utf8)  // no final newline
        InputFixtures.write(bytes, to: dir + "/f")
        let fd = open(dir + "/f", O_RDONLY)
        defer { close(fd) }
        let context = ReadContext(sourceIndex: 0, name: "f", counters: InputCounters(), maxLineBytes: 1 << 20)
        for blockSize in 1...(bytes.count + 1) {
            let c = CollectingConsumer()
            var s: UInt64 = 0
            while s < UInt64(bytes.count) {
                PlainFileReader.readBlock(
                    fd: fd, start: s, end: s + UInt64(blockSize), fileSize: UInt64(bytes.count), context: context,
                    consumer: c)
                s += UInt64(blockSize)
            }
            #expect(c.lines == expected, "block size \(blockSize)")
        }
    }

    @Test func aFinalLineWithoutNewlineGetsOne() throws {
        let dir = InputFixtures.tempDir()
        InputFixtures.write(Array("one\ntwo\nthree".utf8), to: dir + "/a.log")
        let r = InputFixtures.read(dir + "/a.log", threads: 2)
        #expect(r.lines == ["one", "two", "three"])
        #expect(r.consumers[0].chunkStarts.first?.0 == 1)
    }

    @Test func oversizedLinesAreSkippedAndReportedInPlainAndGzipInput() throws {
        let dir = InputFixtures.tempDir()
        let long = String(repeating: "L", count: 5000)
        let exact = String(repeating: "E", count: 100)
        func short(_ lines: [String]) -> [String] { lines.map { $0.count > 20 ? "\($0.first!)×\($0.count)" : $0 } }
        let lines = ["short-1", long, "short-2", exact, String(repeating: "M", count: 101), "short-3", long]
        let payload = InputFixtures.bytes(lines)
        InputFixtures.write(payload, to: dir + "/a.log")
        InputFixtures.write(InputFixtures.plainMember(payload), to: dir + "/a.gz")
        for path in ["/a.log", "/a.gz"] {
            for threads in [1, 2] {
                // Chunks of a gzip stream are scanned on several threads in any order: compare by line number.
                let r = InputFixtures.read(dir + path, threads: threads, maxLineBytes: 100)
                let numbered = r.consumers.flatMap(\.numbered).sorted { $0.key < $1.key }
                #expect(numbered.map(\.key) == [1, 3, 4, 6], "\(path) threads \(threads)")
                #expect(short(numbered.map(\.value)) == ["short-1", "short-2", "E×100", "short-3"])
                let over = r.consumers.flatMap(\.oversized).sorted { $0.offset < $1.offset }
                #expect(over.map(\.length) == [5000, 101, 5000])
                #expect(over.map(\.offset) == [8, 5118, 5228])
                #expect(over.map(\.line) == [2, 5, 7])
                #expect(r.summary.problems.isEmpty)  // the skipped bytes still count in the CRC
            }
        }
        // An oversized final line without a newline.
        InputFixtures.write(Array(("ok\n" + long).utf8), to: dir + "/b.log")
        let r = InputFixtures.read(dir + "/b.log", threads: 1, maxLineBytes: 100)
        #expect(short(r.lines) == ["ok"])
        #expect(r.consumers[0].oversized.map(\.length) == [5000])
    }

    @Test func linesUpToTheCapAreKeptWhateverTheBufferSize() throws {
        let dir = InputFixtures.tempDir()
        let big = String(repeating: "B", count: 3_000_000)  // bigger than a chunk buffer, under the cap
        let lines = ["a", big, "b"]
        InputFixtures.write(InputFixtures.bytes(lines), to: dir + "/a.log")
        InputFixtures.write(InputFixtures.plainMember(InputFixtures.bytes(lines)), to: dir + "/a.gz")
        for path in ["/a.log", "/a.gz"] {
            // Two threads scan chunks in any order; the line numbers give the file's order back.
            let r = InputFixtures.read(dir + path, threads: 2)
            #expect(r.lines.map(\.count).sorted() == [1, 1, 3_000_000], "\(path)")
            #expect(InputFixtures.numberedLines(r.consumers) == lines, "\(path)")
        }
    }

    @Test func singleStreamGzipFromAnyToolIsReadWithLineNumbers() throws {
        let dir = InputFixtures.tempDir()
        let expected = InputFixtures.lines(50_000)
        // No .gz extension: recognised by its magic bytes.
        let (payload, gz) = InputFixtures.writeGzipStream(expected, to: dir + "/logs.txt")
        for threads in [1, 2, 3] {
            let r = InputFixtures.read(dir + "/logs.txt", threads: threads)
            #expect(r.lines.sorted() == expected.sorted())
            #expect(r.summary.problems.isEmpty)
            #expect(r.summary.bytesRead == UInt64(gz.count))
            #expect(r.summary.bytesDecoded == UInt64(payload.count))
            if threads == 1 { #expect(r.lines == expected) }
            // Chunks are scanned on several threads in any order, each knowing its first line.
            #expect(InputFixtures.numberedLines(r.consumers) == expected)
        }
    }

    @Test func theInflatingThreadScansChunksWhenTheScannersFallBehind() throws {
        // ~17 MB of lines, about 34 chunks. With 2 threads, one inflates (holding consumer 0) and
        // one scans (consumer 1, slowed to 20 ms a chunk): the ring fills, so the inflating thread
        // must scan chunks too, and every line is still scanned exactly once, CRC checked.
        let dir = InputFixtures.tempDir()
        let expected = InputFixtures.lines(200_000)
        let (payload, _) = InputFixtures.writeGzipStream(expected, to: dir + "/stream.gz", arguments: ["-1", "-c"])
        let (_, consumers, summary) = InputFixtures.read([.file(dir + "/stream.gz")], threads: 2) { i, c in
            if i == 1 { c.pauseMicroseconds = 20_000 }
        }
        #expect(consumers.count == 2)
        #expect(consumers[0].chunkStarts.count > 0, "the inflating thread scanned no chunk")
        #expect(consumers[1].chunkStarts.count > 0, "the scanning thread scanned no chunk")
        #expect(consumers.allSatisfy { $0.badChunks == 0 })
        #expect(InputFixtures.numberedLines(consumers) == expected)
        #expect(summary.problems.isEmpty)
        #expect(summary.bytesDecoded == UInt64(payload.count))
    }

    @Test func aPipeIsReadSequentiallyPlainOrGzip() throws {
        let dir = InputFixtures.tempDir()
        let expected = InputFixtures.lines(20_000)
        let payload = InputFixtures.bytes(expected)
        for (name, data) in [("plain", payload), ("gz", InputFixtures.plainMember(payload))] {
            let fifo = dir + "/" + name
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = Thread {
                let fd = open(fifo, O_WRONLY)
                data.withUnsafeBytes { b in
                    var at = 0
                    while at < b.count {
                        let n = Foundation.write(fd, b.baseAddress! + at, min(65_536, b.count - at))
                        if n <= 0 { break }
                        at += n
                    }
                }
                close(fd)
            }
            writer.start()
            let r = InputFixtures.read(fifo, threads: 2)
            #expect(r.lines.sorted() == expected.sorted(), "\(name)")
            #expect(InputFixtures.numberedLines(r.consumers) == expected, "\(name)")
            #expect(r.summary.problems.isEmpty)
        }
    }

    @Test func sourcesKeepTheirIndexAndProblemsNameTheFile() throws {
        let dir = InputFixtures.tempDir()
        InputFixtures.write(InputFixtures.bytes(["a1", "a2"]), to: dir + "/a.log")
        InputFixtures.write([], to: dir + "/empty.log.gz")
        InputFixtures.write(InputFixtures.bytes(["b1"]), to: dir + "/b.log")
        let sources: [InputSource] = [
            .file(dir + "/a.log"), .file(dir + "/empty.log.gz"), .file(dir + "/gone.log"), .file(dir + "/b.log"),
        ]
        let r = InputFixtures.read(sources, threads: 2)
        #expect(r.lines == ["a1", "a2", "b1"])
        #expect(r.summary.files == sources.map(\.description))
        #expect(r.summary.isIncomplete)
        #expect(r.summary.problems.map(\.file) == [dir + "/empty.log.gz", dir + "/gone.log"])
        #expect(r.summary.problems[1].description == dir + "/gone.log: cannot open: No such file or directory")
    }

    @Test func aFiftyMegabyteLineIsSkippedAsItStreamsBy() throws {
        let dir = InputFixtures.tempDir()
        var payload = Array("first\n".utf8)
        payload += [UInt8](repeating: 0x61, count: 50_000_000)
        payload += Array("\nlast\n".utf8)
        InputFixtures.write(payload, to: dir + "/big.log")
        InputFixtures.write(
            InputFixtures.compress(payload, tool: "gzip", arguments: ["-1", "-c"])
                ?? InputFixtures.plainMember(payload), to: dir + "/big.gz")
        for name in ["big.log", "big.gz"] {
            let r = InputFixtures.read(dir + "/" + name, threads: 2)
            #expect(r.lines.sorted() == ["first", "last"], "\(name)")
            #expect(r.consumers.flatMap(\.oversized).map(\.length) == [50_000_000])
            #expect(r.consumers.flatMap(\.oversized).map(\.offset) == [6])
            #expect(r.summary.problems.isEmpty)
        }
    }

    @Test func aLogDirectoryIsReadSegmentsFirstThenTheActiveFile() throws {
        let dir = InputFixtures.tempDir()
        let seg1 = InputFixtures.lines(10, prefix: "s1")
        let seg2 = InputFixtures.lines(10, prefix: "s2")
        let active = InputFixtures.lines(5, prefix: "active")
        InputFixtures.write(
            InputFixtures.member(InputFixtures.bytes(seg2)), to: dir + "/app-2026-11-28T11-00-00.000Z.log.gz")
        InputFixtures.write(
            InputFixtures.member(InputFixtures.bytes(seg1)), to: dir + "/app-2026-11-28T10-00-00.000Z.log.gz")
        InputFixtures.write(InputFixtures.bytes(active), to: dir + "/app.log")
        let r = InputFixtures.read(try InputResolver.resolve([dir]), threads: 1)
        #expect(r.lines == seg1 + seg2 + active)
        #expect(
            r.summary.files.map { String($0.split(separator: "/").last!) } == [
                "app-2026-11-28T10-00-00.000Z.log.gz", "app-2026-11-28T11-00-00.000Z.log.gz", "app.log",
            ])
    }

    @Test func manySmallFilesAreSpreadOverTheThreads() throws {
        let dir = InputFixtures.tempDir()
        var expected: [String] = []
        for f in 0..<40 {
            let lines = InputFixtures.lines(50, prefix: "f\(f)")
            expected += lines
            let bytes = InputFixtures.bytes(lines)
            InputFixtures.write(
                f % 3 == 0 ? InputFixtures.member(bytes) : (f % 3 == 1 ? InputFixtures.plainMember(bytes) : bytes),
                to: dir + "/s\(f).log")
        }
        InputFixtures.write(Array("garbage".utf8) + [0x1F, 0x8B], to: dir + "/t.log")
        InputFixtures.write([0x1F, 0x8B, 8, 0, 0], to: dir + "/u.log")  // a torn gzip header
        let sources = try InputResolver.resolve([dir])
        for threads in [1, 2, 3] {
            let r = InputFixtures.read(sources, threads: threads)
            #expect(r.lines.filter { !$0.hasPrefix("garbage") }.sorted() == expected.sorted())
            #expect(r.summary.problems.map(\.file) == [dir + "/u.log"])
            // Line numbers stay per file.
            #expect(r.consumers.flatMap(\.chunkStarts).allSatisfy { $0.0 == 1 })
        }
    }

    @Test func progressLineShowsBytesPercentAndRate() {
        #expect(
            ProgressReporter.line(done: 120_040_000, total: 235_095_419, seconds: 0.5)
                == "reading 120.0 MB of 235.1 MB (51%), 240.1 MB/s")
        #expect(ProgressReporter.line(done: 5_000_000, total: 0, seconds: 1) == "reading 5.0 MB, 5.0 MB/s")
    }
}
