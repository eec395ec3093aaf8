import Logging

/// A log level as written in the `level` field of a format-v1 line.
///
/// The seven levels are swift-log's, ordered from least to most severe, so that a filter such as
/// `--level warning` keeps every line whose level compares greater than or equal to `.warning`.
///
/// ```swift
/// PerfLevel(Logger.Level.error).name   // "error"
/// PerfLevel(name: "WARNING")           // .warning (the seed's Python names are upper case)
/// ```
public enum PerfLevel: UInt8, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// `trace`: the most detailed, least severe level.
    case trace = 0
    /// `debug`: information for debugging.
    case debug
    /// `info`: normal operation (every `perf` event the logger writes).
    case info
    /// `notice`: a condition worth noticing.
    case notice
    /// `warning`: a problem that did not stop the operation.
    case warning
    /// `error`: an operation failed.
    case error
    /// `critical`: the most severe level.
    case critical

    /// The lower-case name written in the line format.
    public var name: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    public var description: String { name }

    /// Maps swift-log's level.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }

    /// The swift-log level of the same name.
    public var loggerLevel: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }

    /// Parses a level name, case-insensitively. Python's names are accepted too:
    /// `WARN`→warning, `FATAL`→critical.
    ///
    /// - Returns: `nil` when the name is not a level.
    public init?(name: some StringProtocol) {
        var bytes = Array(name.utf8)
        self.init(asciiBytes: &bytes)
    }

    /// Parses a level name from raw bytes (ASCII, any case) without allocating when it fits.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 4, bytes.count <= 8 else { return nil }
        var lower = (UInt64(0))
        for i in 0..<bytes.count {
            var c = bytes[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            lower |= UInt64(c) << (8 * UInt64(i))
        }
        switch lower {
        case PerfLevel.key("trace"): self = .trace
        case PerfLevel.key("debug"): self = .debug
        case PerfLevel.key("info"): self = .info
        case PerfLevel.key("notice"): self = .notice
        case PerfLevel.key("warning"), PerfLevel.key("warn"): self = .warning
        case PerfLevel.key("error"): self = .error
        case PerfLevel.key("critical"), PerfLevel.key("fatal"): self = .critical
        default: return nil
        }
    }

    private init?(asciiBytes: inout [UInt8]) {
        guard let v = asciiBytes.withUnsafeBytes({ PerfLevel(bytes: $0) }) else { return nil }
        self = v
    }

    @inline(__always)
    private static func key(_ s: StaticString) -> UInt64 {
        var v: UInt64 = 0
        s.withUTF8Buffer { b in
            for i in 0..<b.count { v |= UInt64(b[i]) << (8 * UInt64(i)) }
        }
        return v
    }

    public static func < (a: PerfLevel, b: PerfLevel) -> Bool { a.rawValue < b.rawValue }
}
