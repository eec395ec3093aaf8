import Synchronization

/// Totals shared by all reading threads of one ``InputReader/run(makeConsumer:)``.
final class InputCounters: Sendable {
    let bytesRead = Atomic<UInt64>(0)
    let bytesDecoded = Atomic<UInt64>(0)
    let membersSkipped = Atomic<Int>(0)
    /// Bytes of skipped members (not read, but done as far as progress is concerned).
    let bytesSkipped = Atomic<UInt64>(0)
    let problems = Mutex<[InputProblem]>([])

    func addRead(_ n: Int) {
        if n > 0 { bytesRead.add(UInt64(n), ordering: .relaxed) }
    }

    func addDecoded(_ n: Int) {
        if n > 0 { bytesDecoded.add(UInt64(n), ordering: .relaxed) }
    }

    func add(_ p: InputProblem) {
        problems.withLock { $0.append(p) }
    }
}

/// What a reader of one source needs to know and where it reports.
struct ReadContext: Sendable {
    /// Index of the source in ``InputSummary/files``.
    let sourceIndex: Int
    /// The source's display name.
    let name: String
    let counters: InputCounters
    let maxLineBytes: Int

    /// Records a problem in this source.
    func problem(offset: UInt64?, _ message: String) {
        counters.add(InputProblem(file: name, offset: offset, message: message))
    }
}
