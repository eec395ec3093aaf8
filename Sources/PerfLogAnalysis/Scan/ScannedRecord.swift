import PerfLog

/// The known fields of one scanned line, as references into the line's bytes.
///
/// A record is filled by ``LineScanner/scan(_:into:)`` and is valid only while the line's bytes
/// are (every ``JSONValueRef`` points into them). Reuse one record across lines: scanning resets
/// it first.
///
/// Fields hold what the line says, or `nil` when the key is absent or its value has the wrong
/// type or cannot be parsed:
/// - ``timestamp``: `ts` parsed by ``Timestamp/init(bytes:)``.
/// - ``level``: `level`, case-insensitively (`INFO`, `warn` and `fatal` too).
/// - ``durationMs`` and ``thresholdMs``: milliseconds; negative or non-finite numbers (`-1`,
///   `1e999`) give `nil`, so they never reach an aggregate.
/// - ``status``: an integral number (`200`, `200.0`) or a string of digits.
/// - ``isError``: `outcome == "error"`; when `outcome` is absent, `status >= 500`.
/// - Duplicate keys: the last one wins (for the extracted fields and for lookups alike).
///
/// Lines written by the seed's Python `PerformanceLogger` are mapped onto the same fields
/// (see `docs/SEED-FORMAT.md`); ``source`` tells which shape the line had.
///
/// ``value(at:)`` resolves any field path: the fields above by name, `meta.a.b` by walking the
/// `meta` object lazily, and any other top-level key by re-reading the line.
@_spi(Internals) public struct ScannedRecord: FieldLookup {
    /// Which writer's shape the line had.
    public enum Source: UInt8, Sendable, Hashable {
        /// perflog's format v1 (or any flat JSON object).
        case v1
        /// The seed's Python `PerformanceLogger` (`timestamp`, `message.event_type`, `message.metrics`).
        case seed
    }

    /// The whole line (without a BOM, the trailing `\n` and `\r`).
    public var line: UnsafeRawBufferPointer
    /// The shape of the line.
    public var source: Source
    /// `ts`, parsed.
    public var timestamp: Timestamp?
    /// `level`, parsed.
    public var level: PerfLevel?
    /// `logger`.
    public var logger: JSONValueRef?
    /// `msg`.
    public var msg: JSONValueRef?
    /// `event`, classified.
    public var event: EventKind
    /// `event`, as written.
    public var eventRaw: JSONValueRef?
    /// `op`.
    public var op: JSONValueRef?
    /// `duration_ms` in milliseconds (finite and >= 0), or nil.
    public var durationMs: Double?
    /// `outcome`.
    public var outcome: JSONValueRef?
    /// `outcome == "error"`, or, without an `outcome`, `status >= 500`.
    public var isError: Bool
    /// `error`.
    public var error: JSONValueRef?
    /// `status`, when integral.
    public var status: Int?
    /// `query`.
    public var query: JSONValueRef?
    /// `threshold_ms` in milliseconds (finite and >= 0), or nil.
    public var thresholdMs: Double?
    /// `meta`, the raw value (normally an object). For seed lines: `message.metrics`.
    public var meta: JSONValueRef?

    /// Raw `ts`, `level`, `duration_ms`, `status`, `threshold_ms` values, for ``value(at:)``.
    var tsRaw: JSONValueRef?
    var levelRaw: JSONValueRef?
    var durationRaw: JSONValueRef?
    var statusRaw: JSONValueRef?
    var thresholdRaw: JSONValueRef?
    /// Text for values computed from seed lines (`duration_ms` from seconds), made on demand.
    var scratch: NumberScratch?

    /// An empty record.
    public init() {
        line = UnsafeRawBufferPointer(start: nil, count: 0)
        source = .v1
        event = .none
        isError = false
    }

    /// Clears every field before a scan.
    @inline(__always)
    mutating func reset(line: UnsafeRawBufferPointer) {
        self.line = line
        source = .v1
        timestamp = nil
        level = nil
        logger = nil
        msg = nil
        event = .none
        eventRaw = nil
        op = nil
        durationMs = nil
        outcome = nil
        isError = false
        error = nil
        status = nil
        query = nil
        thresholdMs = nil
        meta = nil
        tsRaw = nil
        levelRaw = nil
        durationRaw = nil
        statusRaw = nil
        thresholdRaw = nil
    }

    /// The value at `path`: a known field by its line-format name, `meta.…` inside the meta
    /// object, or any other key of the line (re-read on demand); `nil` when absent.
    ///
    /// `level` is returned as its lower-case name when it parsed (`"WARNING"` reads `warning`).
    /// For seed lines `duration_ms` and `threshold_ms` are the converted milliseconds.
    /// A key that holds dots is reached quoted (`meta."http.route"`) or, when no nested object
    /// matches, unquoted (`meta.http.route`): see ``FieldPath``.
    public func value(at path: FieldPath) -> JSONValueRef? {
        guard let first = path.components.first else { return nil }
        return value(Field(first), first, path.components.dropFirst())
    }

    /// A numeric field's value, without formatting: `duration_ms`, `threshold_ms` and `status`
    /// come from the parsed fields, everything else from ``value(at:)``.
    public func number(at path: FieldPath) -> Double? {
        guard let first = path.components.first else { return nil }
        return number(Field(first), first, path.components.dropFirst())
    }

    /// The top-level fields the record knows by name, resolved once per field path by filters.
    enum Field: UInt8, Sendable {
        case ts, level, logger, msg, event, op, durationMs, outcome, error, status, query, thresholdMs, meta, other

        init(_ name: String) {
            switch name {
            case "ts": self = .ts
            case "level": self = .level
            case "logger": self = .logger
            case "msg": self = .msg
            case "event": self = .event
            case "op": self = .op
            case "duration_ms": self = .durationMs
            case "outcome": self = .outcome
            case "error": self = .error
            case "status": self = .status
            case "query": self = .query
            case "threshold_ms": self = .thresholdMs
            case "meta": self = .meta
            default: self = .other
            }
        }
    }

    /// The value of top-level field `field` (named `name`), then `rest` below it.
    @inline(__always)
    func value(_ field: Field, _ name: String, _ rest: ArraySlice<String>) -> JSONValueRef? {
        let top: JSONValueRef?
        switch field {
        case .ts: top = tsRaw
        case .level: top = level.map { StaticText.levelName($0) } ?? levelRaw
        case .logger: top = logger
        case .msg: top = msg
        case .event: top = eventRaw
        case .op: top = op
        case .durationMs:
            top = source == .seed ? durationMs.map { scratchNumber($0, slot: 0) } : durationRaw
        case .outcome: top = outcome
        case .error: top = error
        case .status: top = statusRaw
        case .query: top = query
        case .thresholdMs:
            top = source == .seed ? thresholdMs.map { scratchNumber($0, slot: 1) } : thresholdRaw
        case .meta: top = meta
        case .other:
            var key = name
            let line = self.line
            top = key.withUTF8 { JSONObjectWalker.member(of: line, named: UnsafeRawBufferPointer($0)) }
        }
        guard let value = top else {
            // A top-level key with dots (`a.b` for the key "a.b"), when no `a` object holds `b`.
            guard field == .other, !rest.isEmpty else { return nil }
            return dottedTopLevel(name, rest)
        }
        if rest.isEmpty { return value }
        if let found = JSONObjectWalker.value(in: value, path: rest) { return found }
        return field == .other ? dottedTopLevel(name, rest) : nil
    }

    /// The top-level member named by `name` and `rest` joined with dots.
    private func dottedTopLevel(_ name: String, _ rest: ArraySlice<String>) -> JSONValueRef? {
        let line = self.line
        return JSONObjectWalker.withJoinedKey([name] + rest) { JSONObjectWalker.member(of: line, named: $0) }
    }

    /// The numeric value of top-level field `field` (named `name`), then `rest` below it.
    @inline(__always)
    func number(_ field: Field, _ name: String, _ rest: ArraySlice<String>) -> Double? {
        if rest.isEmpty {
            switch field {
            case .durationMs: return durationMs ?? durationRaw?.number
            case .thresholdMs: return thresholdMs ?? thresholdRaw?.number
            case .status: return status.map(Double.init) ?? statusRaw?.number
            default: break
            }
        }
        return value(field, name, rest)?.number
    }

    private func scratchNumber(_ v: Double, slot: Int) -> JSONValueRef {
        guard let scratch else {
            return JSONValueRef(kind: .null, raw: StaticText.null)
        }
        return scratch.write(v, slot: slot)
    }
}

/// Holds the text of numbers computed for seed lines, so ``ScannedRecord/value(at:)`` can hand out
/// a ``JSONValueRef`` to them. One per record, reused across lines.
final class NumberScratch {
    private let storage: UnsafeMutableRawPointer
    static let slotSize = 40

    init() {
        storage = UnsafeMutableRawPointer.allocate(byteCount: 2 * NumberScratch.slotSize, alignment: 8)
    }

    deinit { storage.deallocate() }

    func write(_ v: Double, slot: Int) -> JSONValueRef {
        let text = v.description.utf8
        let at = storage + slot * NumberScratch.slotSize
        let n = min(text.count, NumberScratch.slotSize)
        for (k, c) in text.prefix(n).enumerated() { at.storeBytes(of: c, toByteOffset: k, as: UInt8.self) }
        return JSONValueRef(kind: .number, raw: UnsafeRawBufferPointer(start: at, count: n))
    }
}

/// References to constant text, valid for the program's lifetime.
enum StaticText {
    @inline(__always)
    static func bytes(_ s: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
    }

    static func string(_ s: StaticString) -> JSONValueRef { JSONValueRef(kind: .string, raw: bytes(s)) }

    static var null: UnsafeRawBufferPointer { bytes("null") }

    static func levelName(_ l: PerfLevel) -> JSONValueRef {
        switch l {
        case .trace: string("trace")
        case .debug: string("debug")
        case .info: string("info")
        case .notice: string("notice")
        case .warning: string("warning")
        case .error: string("error")
        case .critical: string("critical")
        }
    }
}
