import PerfLog
import ServiceLifecycle

/// A swift-service-lifecycle `Service` that owns perflog's writer: it runs until graceful
/// shutdown (SIGTERM, SIGINT) or cancellation, then drains the queue, finishes compressing the
/// rotated segments and closes the writer, so the last lines of a stopping server reach disk.
///
/// A `ServiceGroup` shuts its services down in reverse order: put this service *before* the
/// services that log (a Hummingbird `Application` runs its `services` before its server, so passing
/// it there is enough), and it closes the writer only after they have stopped.
///
/// ```swift
/// let writer = try RotatingFileWriter(configuration: .init(directory: "logs", name: "app"))
/// let app = Application(router: router, services: [PerfLogService(writer: writer)])
/// try await app.runService()   // SIGTERM: the server drains, then the writer closes
/// ```
public struct PerfLogService: Service {
    /// The writer closed at shutdown.
    public let writer: RotatingFileWriter
    private let beforeClose: @Sendable () -> Void

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - writer: the writer to close at shutdown.
    ///   - beforeClose: runs after shutdown began and before the writer closes (e.g. to write a
    ///     last summary line through it).
    public init(writer: RotatingFileWriter, beforeClose: @escaping @Sendable () -> Void = {}) {
        self.writer = writer
        self.beforeClose = beforeClose
    }

    /// Waits for graceful shutdown or cancellation, then closes the writer (always, once).
    ///
    /// - Throws: `CancellationError` when the task was cancelled (after the writer closed).
    public func run() async throws {
        var cancelled: (any Error)?
        do {
            try await gracefulShutdown()
        } catch {
            cancelled = error
        }
        beforeClose()
        writer.close()
        if let cancelled { throw cancelled }
    }
}
