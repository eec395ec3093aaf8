import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a body on `count` threads (the caller's thread is worker 0) and waits for all of them.
enum WorkerThreads {
    /// Starts `body` on a new thread; `nil` when no thread could be created.
    static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        SystemThread.spawn(body)
    }

    /// Runs each body on its own thread (the first on the caller's) and waits for all.
    ///
    /// The bodies need not be `Sendable`: each is moved to exactly one thread and the caller
    /// waits for all threads before returning.
    static func run(each bodies: [() -> Void], spawn: Spawner = WorkerThreads.spawn) {
        let moved = bodies.map { UncheckedTransfer($0) }
        run(moved.count, spawn: spawn) { i in moved[i].value() }
    }

    /// Starts a thread running a body; `nil` when it could not.
    typealias Spawner = (@escaping @Sendable () -> Void) -> pthread_t?

    /// Calls `body(i)` for `i` in `0..<count`, each on its own thread, and returns when all are done.
    ///
    /// A body whose thread cannot be created (after a few tries: `EAGAIN` passes) runs on the
    /// caller's thread *after* `body(0)`, so the work is done rather than lost. Body 0 may
    /// produce what the others consume (the member hop, the decompressor): run first, a consumer
    /// would wait for it forever. (``ChunkPipeline``'s producer, whose ring is bounded, scans a
    /// chunk itself whenever no buffer is free, so it finishes even when no scanner got a thread.)
    static func run(_ count: Int, spawn: Spawner = WorkerThreads.spawn, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            body(0)
            return
        }
        var threads: [pthread_t] = []
        var unstarted: [Int] = []
        for i in 1..<count {
            var t: pthread_t?
            for attempt in 0..<20 where t == nil {
                if attempt > 0 { usleep(1000) }
                t = spawn({ body(i) })
            }
            if let t { threads.append(t) } else { unstarted.append(i) }
        }
        body(0)
        for i in unstarted { body(i) }
        for t in threads { pthread_join(t, nil) }
    }
}

/// Moves a non-Sendable value to another thread.
struct UncheckedTransfer<Value>: @unchecked Sendable {
    // @unchecked Sendable: used only to hand per-worker values (consumers, buffers) to the one
    // thread that uses them; WorkerThreads.run joins the threads before the caller touches them
    // again, so no value is ever accessed by two threads at once.
    var value: Value
    init(_ value: Value) { self.value = value }
}
