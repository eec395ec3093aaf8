import Logging

extension LoggingSystem {
    /// Bootstraps swift-log so that every `Logger` writes format-v1 lines to `sink`.
    ///
    /// Call it once, at the start of the application (swift-log allows one bootstrap per process).
    ///
    /// ```swift
    /// LoggingSystem.bootstrapPerfLog(sink: try PlainFileSink(path: "app.ndjson"))
    /// ```
    ///
    /// - Parameters:
    ///   - sink: where every logger's lines go.
    ///   - logLevel: the lowest level written by new loggers (default `.info`).
    ///   - metadataProvider: contextual metadata such as trace ids, added to every line.
    ///   - redaction: metadata keys whose values are replaced by `"[REDACTED]"`.
    public static func bootstrapPerfLog(
        sink: any LineSink,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        redaction: MetadataRedaction = .default
    ) {
        bootstrap { label in
            PerfLogHandler(
                label: label, sink: sink, logLevel: logLevel, metadataProvider: metadataProvider, redaction: redaction)
        }
    }
}
