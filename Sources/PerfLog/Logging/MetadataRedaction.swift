/// The metadata keys whose values are never written: each such value (string, array or object)
/// becomes `"[REDACTED]"`, at any nesting depth.
///
/// Keys match exactly, ignoring ASCII case. The default list is ``defaultKeys``:
/// `password`, `passwd`, `secret`, `token`, `api_key`, `apikey`, `authorization`, `cookie`,
/// `set-cookie`.
///
/// ```swift
/// let redaction = MetadataRedaction.default.adding(["ssn", "email"])
/// let handler = PerfLogHandler(label: "app", sink: sink, redaction: redaction)
/// ```
public struct MetadataRedaction: Sendable, Hashable {
    /// The documented default list of redacted keys.
    public static let defaultKeys = [
        "password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "cookie", "set-cookie",
    ]

    /// The default redaction list.
    public static let `default` = MetadataRedaction(keys: defaultKeys)

    /// Redacts nothing.
    public static let none = MetadataRedaction(keys: [])

    /// The redacted keys, lower-cased.
    public let keys: [String]
    private let lowered: [[UInt8]]
    /// Per key of ``lowered``: its length and first byte, so that most keys are told apart from
    /// every redacted one by a few integer comparisons.
    private let signatures: [UInt64]

    /// Creates a redaction list; keys are compared ignoring ASCII case.
    public init(keys: [String]) {
        self.keys = keys.map { MetadataRedaction.lower(Array($0.utf8)) }.map { String(decoding: $0, as: UTF8.self) }
        self.lowered = self.keys.map { Array($0.utf8) }
        self.signatures = lowered.map { MetadataRedaction.signature(count: $0.count, first: $0.first) }
    }

    private static func signature(count: Int, first: UInt8?) -> UInt64 {
        UInt64(count) << 8 | UInt64(first.map(lower) ?? 0)
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// This list plus `more`.
    public func adding(_ more: [String]) -> MetadataRedaction { MetadataRedaction(keys: keys + more) }

    /// Whether `key`'s value must be redacted.
    public func matches(_ key: String) -> Bool {
        if lowered.isEmpty { return false }
        let utf8 = key.utf8
        let n = utf8.count
        let signature = MetadataRedaction.signature(count: n, first: utf8.first)
        for (k, candidateSignature) in signatures.enumerated() where candidateSignature == signature {
            let candidate = lowered[k]
            var equal = true
            var i = 0
            for b in utf8 {
                if MetadataRedaction.lower(b) != candidate[i] {
                    equal = false
                    break
                }
                i += 1
            }
            if equal { return true }
        }
        return false
    }

    private static func lower(_ b: [UInt8]) -> [UInt8] { b.map(lower) }

    public static func == (a: MetadataRedaction, b: MetadataRedaction) -> Bool { a.keys == b.keys }
    public func hash(into h: inout Hasher) { h.combine(keys) }
}
