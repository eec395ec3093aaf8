#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pthread mutex with condition variables, at fixed heap addresses for their whole life.
///
/// `Synchronization.Mutex` has no condition variable; the writer's queue needs one to let
/// callers block (policy `block`) and the writer thread sleep when idle.
final class ConditionLock: @unchecked Sendable {
    // @unchecked Sendable: the pthread objects are designed for use from many threads; they are
    // allocated once, never moved, and destroyed only in deinit when no thread can hold a reference.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let count: Int

    /// - Parameter conditions: how many independent condition variables to create.
    init(conditions count: Int) {
        self.count = count
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        conditions = .allocate(capacity: count)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if canImport(Glibc)
            pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        for i in 0..<count { pthread_cond_init(conditions + i, &attr) }
        pthread_condattr_destroy(&attr)
    }

    deinit {
        for i in 0..<count { pthread_cond_destroy(conditions + i) }
        conditions.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always) func lock() { pthread_mutex_lock(mutex) }
    @inline(__always) func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits on condition `c` (the lock must be held).
    func wait(_ c: Int) { pthread_cond_wait(conditions + c, mutex) }

    /// Waits on condition `c` for at most `nanoseconds` (the lock must be held).
    func wait(_ c: Int, nanoseconds: Int64) {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        let total = Int64(t.tv_nsec) + nanoseconds
        t.tv_sec += Int(total / 1_000_000_000)
        t.tv_nsec = Int(total % 1_000_000_000)
        pthread_cond_timedwait(conditions + c, mutex, &t)
    }

    func signal(_ c: Int) { pthread_cond_signal(conditions + c) }
    func broadcast(_ c: Int) { pthread_cond_broadcast(conditions + c) }
}

/// Starts a detached-free (joinable) POSIX thread running `body`.
final class WorkerThread: @unchecked Sendable {
    // @unchecked Sendable: `thread` is written once in init before any other thread can see the
    // object and only read by join(), which the owner calls once.
    private let thread: pthread_t
    private var joined = false

    /// - Parameters:
    ///   - nice: on Linux, the thread's nice value is raised by this much when it starts (the
    ///     nice value is per thread there); 0 leaves it as the process's.
    init(name: String, nice: Int32 = 0, _ body: @escaping @Sendable () -> Void) {
        let run: @Sendable () -> Void
        if nice > 0 {
            run = {
                WorkerThread.lowerPriority(by: nice)
                body()
            }
        } else {
            run = body
        }
        guard let started = SystemThread.spawn(run) else { preconditionFailure("cannot start thread \(name)") }
        thread = started
    }

    /// Raises the calling thread's nice value by `amount` (Linux: per thread; elsewhere nothing).
    static func lowerPriority(by amount: Int32) {
        #if os(Linux)
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, min(19, getpriority(which, 0) + amount))
        #endif
    }

    /// Waits for the thread to end (once).
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
