// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Synchronization

    /// What a ``PerfLogTracer`` did with its spans: nothing is dropped silently.
    public struct TracerStatistics: Sendable, Hashable {
        /// Spans started.
        public var spansStarted: Int
        /// Spans ended and written (one `perf` event each).
        public var spansWritten: Int
        /// `end()` calls on a span that had already ended: ignored, counted here.
        public var spansEndedTwice: Int
        /// Spans released without ever being ended: nothing written, counted here.
        public var spansNeverEnded: Int
        /// Spans whose `http.request.method` or `http.response.status_code` had a type the mapping
        /// cannot use (the attribute was ignored).
        public var oddAttributes: Int
        /// Ops longer than ``SpanMapping/maxOperationBytes``, written cut.
        public var operationsCut: Int
    }

    /// The tracer's counters, shared by its spans.
    final class TracerCounters: Sendable {
        let started = Atomic<Int>(0)
        let written = Atomic<Int>(0)
        let endedTwice = Atomic<Int>(0)
        let neverEnded = Atomic<Int>(0)
        let oddAttributes = Atomic<Int>(0)
        let operationsCut = Atomic<Int>(0)

        var snapshot: TracerStatistics {
            TracerStatistics(
                spansStarted: started.load(ordering: .relaxed), spansWritten: written.load(ordering: .relaxed),
                spansEndedTwice: endedTwice.load(ordering: .relaxed),
                spansNeverEnded: neverEnded.load(ordering: .relaxed),
                oddAttributes: oddAttributes.load(ordering: .relaxed),
                operationsCut: operationsCut.load(ordering: .relaxed)
            )
        }
    }
#endif
