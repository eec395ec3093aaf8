/// Calls a closure every interval on its own thread until stopped: the clock of the metrics
/// factory's interval lines and of the resource sampler.
///
/// ```swift
/// let task = PeriodicTask(name: "perflog-metrics", intervalNanoseconds: 10_000_000_000) { flush() }
/// …
/// task.stop()   // wakes the thread, which returns without another call; joins it
/// ```
package final class PeriodicTask: @unchecked Sendable {
    // @unchecked Sendable: `stopped` and `thread` are read and written only with `lock` held.
    private let lock = ConditionLock(conditions: 1)
    private var stopped = false
    private var thread: WorkerThread?

    /// Starts the thread: `body` runs every `intervalNanoseconds` (at least 1 ms) until ``stop()``.
    package init(name: String, intervalNanoseconds: Int64, _ body: @escaping @Sendable () -> Void) {
        let interval = max(1_000_000, intervalNanoseconds)
        let t = WorkerThread(name: name) { [lock = self.lock, weak self] in
            var next = MonotonicClock.nanoseconds() + interval
            while true {
                lock.lock()
                while self.map({ !$0.stopped }) ?? false {
                    let now = MonotonicClock.nanoseconds()
                    if now >= next { break }
                    lock.wait(0, nanoseconds: next - now)
                }
                let done = self.map { $0.stopped } ?? true
                lock.unlock()
                if done { return }
                body()
                next += interval
                let now = MonotonicClock.nanoseconds()
                if next <= now { next = now + interval }
            }
        }
        lock.lock()
        thread = t
        lock.unlock()
    }

    /// `d` in nanoseconds, at least 1 ms (the shortest interval a task runs at).
    package static func nanoseconds(_ d: Duration) -> Int64 {
        let (s, a) = d.components
        return max(1_000_000, s &* 1_000_000_000 &+ a / 1_000_000_000)
    }

    /// Stops the thread and waits for it (a call of `body` under way finishes first). Idempotent.
    package func stop() {
        lock.lock()
        stopped = true
        let t = thread
        thread = nil
        lock.broadcast(0)
        lock.unlock()
        t?.join()
    }
}
