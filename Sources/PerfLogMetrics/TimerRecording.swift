/// How ``PerfLogMetricsFactory`` writes a timer's recordings.
///
/// ```swift
/// PerfLogMetricsFactory(sink: writer)                       // .perfEvents: the timer is the record
/// PerfLogMetricsFactory(sink: writer, timers: .summary)     // PerfLogTracer writes the requests
/// ```
public enum TimerRecording: Sendable, Equatable {
    /// One `perf` event per recording: the timer is the record of the work it times.
    case perfEvents
    /// A `recorder` line per interval (`count`, `sum`, `min`, `max`, `last`, in milliseconds),
    /// like ``PerfLogMetricsFactory/makeRecorder(label:dimensions:aggregate:)``'s: for an app
    /// whose spans already are its `perf` events (`PerfLogTracer`), where a framework's request
    /// timer would write every request a second time (and, in Hummingbird's `MetricsMiddleware`,
    /// miss the requests whose handler threw).
    case summary
}
