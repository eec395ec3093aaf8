import Foundation
@_spi(Internals) import PerfLog

@_spi(Internals) @testable import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#endif

/// What the analyzer's front half (input layer + line scanner) made of a hostile input.
struct HostileScan {
    var records = 0
    var blank = 0
    var malformed: [MalformedReason.Code] = []
    var oversized: [UInt64] = []
    var ops: [String] = []
    var msgs: [String] = []
    var durations: [Double?] = []
    var problems: [InputProblem] = []
}

/// A consumer that scans every line as `perflog analyze` does and keeps what the tests check.
final class ScanningConsumer: ChunkConsumer {
    var scan = HostileScan()
    private var scanner = LineScanner()
    private var record = ScannedRecord()

    func consume(_ chunk: LineChunk) -> Int {
        let b = chunk.bytes
        var start = 0
        var n = 0
        for i in 0..<b.count where b[i] == 0x0A {
            let line = UnsafeRawBufferPointer(rebasing: b[start...i])
            start = i + 1
            n += 1
            switch scanner.scan(line, into: &record) {
            case .blank: scan.blank += 1
            case .malformed(let why): scan.malformed.append(why.code)
            case .record:
                scan.records += 1
                scan.ops.append(record.op?.string ?? "")
                scan.msgs.append(record.msg?.string ?? "")
                scan.durations.append(record.durationMs)
            }
        }
        return n
    }

    func oversizedLine(sourceIndex: Int, line: Int?, byteOffset: UInt64, length: UInt64) {
        scan.oversized.append(length)
    }
}

enum Hostile {
    /// A format-v1 perf line (without `\n`).
    static func line(_ i: Int, op: String = "db.q", msg: String = "ok", ts: String = "2026-11-28T10:00:00.000000Z")
        -> String
    {
        #"{"ts":"\#(ts)","level":"info","logger":"t","msg":"\#(msg)","event":"perf","op":"\#(op)","duration_ms":\#(i).5,"outcome":"success"}"#
    }

    static func goodLines(_ n: Int, from: Int = 0) -> [UInt8] {
        Array((from..<(from + n)).map { line($0) + "\n" }.joined().utf8)
    }

    /// Reads `path` through `InputReader` with `threads` workers and scans every line.
    static func scan(
        _ path: String, threads: Int = 2, maxLineBytes: Int = 4 << 20, window: ClosedRange<Timestamp>? = nil
    ) -> HostileScan {
        let reader = InputReader(
            sources: [.file(path)],
            options: InputOptions(threads: threads, maxLineBytes: maxLineBytes, timeWindow: window))
        let (consumers, summary) = reader.run { _ in ScanningConsumer() }
        var total = HostileScan()
        for c in consumers {
            total.records += c.scan.records
            total.blank += c.scan.blank
            total.malformed += c.scan.malformed
            total.oversized += c.scan.oversized
            total.ops += c.scan.ops
            total.msgs += c.scan.msgs
            total.durations += c.scan.durations
        }
        total.problems = summary.problems
        return total
    }

    /// Writes `bytes` to a new file `name` in a fresh temporary directory; returns its path.
    static func file(_ name: String, _ bytes: [UInt8]) -> String {
        let dir = InputFixtures.tempDir()
        let path = dir + "/" + name
        InputFixtures.write(bytes, to: path)
        return path
    }

    /// Peak resident set size of this process so far, in bytes.
    static func peakRSS() -> Int {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return u.ru_maxrss * 1024
    }

    /// The gzip member of `payload` with one byte of its trailer changed (`offsetFromEnd` 1...8:
    /// 5...8 hit the CRC-32, 1...4 the ISIZE).
    static func corrupted(_ member: [UInt8], offsetFromEnd: Int) -> [UInt8] {
        var m = member
        m[m.count - offsetFromEnd] ^= 0x5A
        return m
    }
}
