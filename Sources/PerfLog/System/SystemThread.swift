#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts threads with pthreads: the one place perflog creates a thread (the writer and its
/// compressor, the analyzer's readers, the benchmark driver), so that platform differences stay
/// here.
package enum SystemThread {
    /// Starts `body` on a new thread; `nil` when no thread could be created.
    package static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let start = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        #if canImport(Glibc)
            var thread = pthread_t()
            let rc = pthread_create(
                &thread, nil,
                { arg in
                    Unmanaged<ThreadStart>.fromOpaque(arg!).takeRetainedValue().body()
                    return nil
                }, start)
        #else
            var started: pthread_t? = nil
            let rc = pthread_create(
                &started, nil,
                { arg in
                    Unmanaged<ThreadStart>.fromOpaque(arg).takeRetainedValue().body()
                    return nil
                }, start)
            guard let thread = started else {
                Unmanaged<ThreadStart>.fromOpaque(start).release()
                return nil
            }
        #endif
        guard rc == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(start).release()
            return nil
        }
        return thread
    }
}

/// The body a new thread runs, passed through pthread_create's `void *` argument.
private final class ThreadStart {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
