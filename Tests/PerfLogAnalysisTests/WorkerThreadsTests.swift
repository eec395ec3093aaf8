import Dispatch
import Synchronization
import Testing

@testable import PerfLogAnalysis

#if canImport(Glibc)
    import Glibc
#endif

/// `WorkerThreads.run`: every body runs exactly once, also when threads cannot be created, and a
/// body without a thread runs after body 0, which may produce what it consumes (the member hop).
@Suite struct WorkerThreadsTests {
    /// Body 0 produces, body 1 waits for it (at most 10 s, so a regression fails instead of hanging).
    static func producerThenConsumer(spawn: @escaping WorkerThreads.Spawner) -> (ran: [Int], consumerSawProduct: Bool) {
        let produced = DispatchSemaphore(value: 0)
        let ran = Mutex<[Int]>([])
        let saw = Mutex(false)
        WorkerThreads.run(
            each: [
                {
                    ran.withLock { $0.append(0) }
                    produced.signal()
                },
                {
                    let ok = produced.wait(timeout: .now() + 10) == .success
                    saw.withLock { $0 = ok }
                    ran.withLock { $0.append(1) }
                },
            ], spawn: spawn)
        return (ran.withLock { $0 }.sorted(), saw.withLock { $0 })
    }

    @Test func aBodyWithoutAThreadRunsAfterTheFirstOnTheCallersThread() {
        let attempts = Mutex(0)
        let r = Self.producerThenConsumer { _ in
            attempts.withLock { $0 += 1 }
            return nil
        }
        #expect(r.ran == [0, 1])
        #expect(r.consumerSawProduct)
        #expect(attempts.withLock { $0 } == 20)  // retried, as for EAGAIN
    }

    @Test func aThreadThatCanBeCreatedOnlyOnARetryIsUsed() {
        let attempts = Mutex(0)
        let r = Self.producerThenConsumer { body in
            let n = attempts.withLock { a in
                a += 1
                return a
            }
            return n < 3 ? nil : WorkerThreads.spawn(body)
        }
        #expect(r.ran == [0, 1])
        #expect(r.consumerSawProduct)
        #expect(attempts.withLock { $0 } == 3)
    }

    @Test func everyBodyRunsOnceWithRealThreads() {
        let counts = Mutex([Int](repeating: 0, count: 6))
        WorkerThreads.run(6) { i in counts.withLock { $0[i] += 1 } }
        #expect(counts.withLock { $0 } == [1, 1, 1, 1, 1, 1])
    }
}
