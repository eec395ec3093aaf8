import PerfLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain thread for the driver's writers.
final class WorkerBox: @unchecked Sendable {
    // @unchecked Sendable: `thread` is set once in init and only joined afterwards by the creator.
    private let thread: pthread_t
    init(_ body: @escaping @Sendable () -> Void) {
        guard let started = SystemThread.spawn(body) else { preconditionFailure("cannot start a writer thread") }
        thread = started
    }
    func join() { pthread_join(thread, nil) }
}
