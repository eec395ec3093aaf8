import Logging
import Synchronization

/// A swift-log `LogHandler` writing one format-v1 JSON line per log call to a ``LineSink``.
///
/// Metadata is merged with handler metadata lowest, then the metadata provider, then the call
/// site's metadata (a later source wins for the same key) and written as `meta`, keys sorted and
/// values of redacted keys (``MetadataRedaction``) replaced. The `error` argument of a log call
/// becomes the `error` field (see ``ErrorRendering``). Writing never throws or traps: sinks count
/// their failures.
///
/// ```swift
/// let sink = try PlainFileSink(path: "app.ndjson")
/// LoggingSystem.bootstrap { label in PerfLogHandler(label: label, sink: sink) }
/// Logger(label: "tta.api").info("started", metadata: ["port": "8080"])
/// ```
public struct PerfLogHandler: LogHandler {
    /// The logger label, written as `logger`.
    public let label: String
    /// Where lines go.
    public let sink: any LineSink
    /// The keys whose values are redacted.
    public var redaction: MetadataRedaction {
        didSet { encoded = EncodedMetadataCache() }
    }
    /// How the `error` of a log call is written.
    public var errorRendering: ErrorRendering
    /// The lowest level written (a value of this handler, as swift-log requires).
    public var logLevel: Logger.Level
    /// Contextual metadata (trace ids), merged over the handler metadata.
    public var metadataProvider: Logger.MetadataProvider?
    /// Handler metadata, the lowest in the merge order.
    public var metadata: Logger.Metadata {
        didSet { encoded = EncodedMetadataCache() }
    }

    /// The handler metadata encoded as `,"meta":{…}`, made at the first line that writes it alone
    /// and kept: setting the metadata (a framework does it for every request) costs a fresh empty
    /// cache, not an encoding that a line with provider or call-site metadata would not use.
    private var encoded: EncodedMetadataCache

    /// The handler metadata encoded as `,"meta":{…}` (empty when there is none).
    var encodedMetadata: [UInt8] { encoded.bytes { PerfLogHandler.encode(metadata, redaction) } }

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - label: the logger label.
    ///   - sink: where lines go.
    ///   - logLevel: the lowest level written (default `.info`).
    ///   - metadata: handler metadata.
    ///   - metadataProvider: contextual metadata such as trace ids (swift-log's provider).
    ///   - redaction: metadata keys whose values are replaced by `"[REDACTED]"`.
    ///   - errorRendering: how a log call's `error` is written (default: its type name).
    public init(
        label: String,
        sink: any LineSink,
        logLevel: Logger.Level = .info,
        metadata: Logger.Metadata = [:],
        metadataProvider: Logger.MetadataProvider? = nil,
        redaction: MetadataRedaction = .default,
        errorRendering: ErrorRendering = .typeName
    ) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
        self.metadata = metadata
        self.metadataProvider = metadataProvider
        self.redaction = redaction
        self.errorRendering = errorRendering
        self.encoded = EncodedMetadataCache()
    }

    /// The handler metadata value under `key` (swift-log `LogHandler`); setting it drops the cached
    /// encoding, which the next line that writes the handler's metadata alone makes again.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one format-v1 line to the sink (swift-log `LogHandler`): its metadata merged
    /// over the provider's and the handler's, redacted, and its error rendered as ``errorRendering`` says.
    public func log(event: LogEvent) {
        var e = PerfEvent(level: PerfLevel(event.level), logger: label, message: event.message.description)
        if let error = event.error { e.error = errorRendering.render(error) }
        let provided = metadataProvider?.get() ?? [:]
        let callSite = event.metadata ?? [:]
        if provided.isEmpty && callSite.isEmpty {
            write(e, encodedMeta: encodedMetadata)
            return
        }
        LineEncoder.withStackBuffer { encoder in
            encoder.appendHead(e)
            encoder.appendStatic(",\"meta\":")
            encoder.appendMetadata(merging: metadata, provided, callSite, redaction: redaction)
            encoder.appendStatic("}\n")
            encoder.withBytes { sink.write(line: $0) }
        }
    }

    private func write(_ e: PerfEvent, encodedMeta: [UInt8]) {
        LineEncoder.withStackBuffer { encoder in
            encoder.appendHead(e)
            encodedMeta.withUnsafeBytes { encoder.appendRaw($0) }
            encoder.appendStatic("}\n")
            encoder.withBytes { sink.write(line: $0) }
        }
    }

    static func encode(_ metadata: Logger.Metadata, _ redaction: MetadataRedaction) -> [UInt8] {
        guard !metadata.isEmpty else { return [] }
        var encoder = LineEncoder(capacity: 256)
        encoder.appendStatic(",\"meta\":")
        encoder.appendMetadata(metadata, redaction: redaction)
        return encoder.bytes
    }
}

/// A handler metadata's encoding, made once by whichever log call needs it first; a handler
/// whose metadata or redaction changes gets a fresh one.
final class EncodedMetadataCache: Sendable {
    private let state = Mutex<[UInt8]?>(nil)

    /// The cached bytes, made by `make` when there are none yet.
    func bytes(_ make: () -> [UInt8]) -> [UInt8] {
        state.withLock { cached in
            if let b = cached { return b }
            let b = make()
            cached = b
            return b
        }
    }
}
