import PerfLog
import Synchronization

/// The demo's simulated clock: the time of the event being logged.
final class DemoClock: WriterClock {
    private let value: Mutex<Int64>
    init(_ t: Timestamp) { value = Mutex(t.microseconds) }
    func now() -> Timestamp { Timestamp(microseconds: value.withLock { $0 }) }
    func set(_ t: Timestamp) { value.withLock { $0 = t.microseconds } }
}

/// Sits between the logger and the rotating writer in a reproducible demo (`--start`): it
/// rewrites each line's `ts` (the 27 bytes after `{"ts":"`, where format v1 puts it) to the
/// simulated clock, and rotates by size itself, between lines, so that where segments are cut
/// and how they are named depends only on the seed, never on thread timing.
final class DemoTimeSink: LineSink {
    private let writer: RotatingFileWriter
    private let clock: DemoClock
    private let rotateBytes: Int
    private let written = Mutex(0)

    init(writer: RotatingFileWriter, clock: DemoClock, rotateBytes: Int) {
        self.writer = writer
        self.clock = clock
        self.rotateBytes = rotateBytes
    }

    func write(line: UnsafeRawBufferPointer) {
        let n = line.count
        let full = written.withLock { w -> Bool in
            if w > 0 && w + n > rotateBytes {
                w = n
                return true
            }
            w += n
            return false
        }
        if full {
            writer.rotate()
            writer.flush()  // the rotation is named while the clock still shows this event's time
        }
        let prefix: StaticString = "{\"ts\":\""
        let p = prefix.utf8CodeUnitCount
        let isV1 = n >= p + Timestamp.encodedLength && (0..<p).allSatisfy { line[$0] == prefix.utf8Start[$0] }
        guard isV1 else {
            writer.write(line: line)
            return
        }
        withUnsafeTemporaryAllocation(byteCount: n, alignment: 1) { buf in
            buf.copyMemory(from: line)
            clock.now().write(into: buf.baseAddress! + p)
            writer.write(line: UnsafeRawBufferPointer(buf))
        }
    }

    func flush() { writer.flush() }
}
