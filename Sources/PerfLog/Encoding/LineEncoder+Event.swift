import Logging

extension LineEncoder {
    /// Appends a complete line for `event`, ending in `\n`.
    ///
    /// - Parameters:
    ///   - event: the event to encode.
    ///   - redaction: which metadata keys have their values replaced by `"[REDACTED]"`.
    public mutating func encode(_ event: PerfEvent, redaction: MetadataRedaction = .default) {
        appendHead(event)
        if let md = event.metadata, !md.isEmpty {
            appendStatic(",\"meta\":")
            appendMetadata(md, redaction: redaction)
        }
        appendStatic("}\n")
    }

    /// Encodes `event` into a new byte array (a convenience for tests and tools; allocates).
    public static func encodeLine(_ event: PerfEvent, redaction: MetadataRedaction = .default) -> [UInt8] {
        var encoder = LineEncoder(capacity: 512)
        encoder.encode(event, redaction: redaction)
        return encoder.bytes
    }

    /// Every field of `event` up to, not including, `meta`, after the opening brace.
    @usableFromInline
    mutating func appendHead(_ e: PerfEvent) {
        appendStatic("{\"ts\":")
        appendTimestamp(e.timestamp)
        appendStatic(",\"level\":\"")
        appendLevelName(e.level)
        appendStatic("\",\"logger\":")
        appendString(e.logger)
        appendStatic(",\"msg\":")
        appendString(e.message)
        if let v = e.event {
            appendStatic(",\"event\":")
            appendString(v)
        }
        if let v = e.op {
            appendStatic(",\"op\":")
            appendString(v)
        }
        if let v = e.durationMs {
            appendStatic(",\"duration_ms\":")
            appendMilliseconds(v)
        }
        if let v = e.outcome {
            appendStatic(v == .success ? ",\"outcome\":\"success\"" : ",\"outcome\":\"error\"")
        }
        if let v = e.error {
            appendStatic(",\"error\":")
            appendString(v)
        }
        if let v = e.status {
            appendStatic(",\"status\":")
            appendInt(Int64(v))
        }
        if let v = e.query {
            appendStatic(",\"query\":")
            appendString(v)
        }
        if let v = e.thresholdMs {
            appendStatic(",\"threshold_ms\":")
            appendMilliseconds(v)
        }
    }

    @inlinable
    mutating func appendLevelName(_ level: PerfLevel) {
        switch level {
        case .trace: appendStatic("trace")
        case .debug: appendStatic("debug")
        case .info: appendStatic("info")
        case .notice: appendStatic("notice")
        case .warning: appendStatic("warning")
        case .error: appendStatic("error")
        case .critical: appendStatic("critical")
        }
    }

    /// How deep `meta` may nest: the `meta` object is level 1, an object or array inside it level
    /// 2, and so on. An object or array that would sit deeper is written as the string
    /// ``tooDeepMarker`` instead, so encoding never recurses without bound (a deep value cannot
    /// overflow the caller's stack) and every line stays within what readers accept (the
    /// analyzer refuses nesting beyond 512 levels).
    public static let maxMetadataDepth = 32
    /// What an object or array nested deeper than ``maxMetadataDepth`` is written as.
    public static let tooDeepMarker: StaticString = "[TOO DEEP]"

    /// Appends a metadata object: keys sorted, values as JSON strings, arrays and objects
    /// (`stringConvertible` values by their `description`), redacted keys' values replaced, and
    /// objects or arrays nested deeper than ``maxMetadataDepth`` replaced by ``tooDeepMarker``.
    public mutating func appendMetadata(_ metadata: Logger.Metadata, redaction: MetadataRedaction = .default) {
        appendMetadata(metadata, redaction: redaction, depth: 1)
    }

    mutating func appendMetadata(_ metadata: Logger.Metadata, redaction: MetadataRedaction, depth: Int) {
        appendByte(0x7B)
        var first = true
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            appendMember(key, value, first: &first, redaction: redaction, depth: depth)
        }
        appendByte(0x7D)
    }

    /// Appends the metadata object of `lowest`, `middle` and `highest` merged, a higher layer
    /// winning for the same key: the bytes ``appendMetadata(_:redaction:)`` writes for the merged
    /// dictionary, without building it (a log call's handler, provider and call-site metadata).
    mutating func appendMetadata(
        merging lowest: Logger.Metadata, _ middle: Logger.Metadata, _ highest: Logger.Metadata,
        redaction: MetadataRedaction = .default
    ) {
        // Keys and values in parallel arrays, layer by layer, and the sort moves only indices:
        // sorting the (key, value) pairs themselves copied each value through its witnesses.
        let total = lowest.count + middle.count + highest.count
        var keys: [String] = []
        var values: [Logger.Metadata.Value] = []
        keys.reserveCapacity(total)
        values.reserveCapacity(total)
        func add(_ layer: Logger.Metadata) {
            for (k, v) in layer {
                keys.append(k)
                values.append(v)
            }
        }
        add(lowest)
        add(middle)
        add(highest)
        var order = Array(0..<total)
        // By key, then by position: an index's order is its layer's.
        order.sort { a, b in keys[a] < keys[b] || (a < b && !(keys[b] < keys[a])) }
        appendByte(0x7B)
        var first = true
        for (n, i) in order.enumerated() {
            // A key in several layers: only its last (highest) entry is written.
            if n + 1 < total && keys[order[n + 1]] == keys[i] { continue }
            appendMember(keys[i], values[i], first: &first, redaction: redaction, depth: 1)
        }
        appendByte(0x7D)
    }

    /// Appends `"key":value` (after a comma unless `first`), the value redacted when the key says so.
    private mutating func appendMember(
        _ key: String, _ value: Logger.Metadata.Value, first: inout Bool, redaction: MetadataRedaction, depth: Int
    ) {
        if !first { appendByte(0x2C) }
        first = false
        appendString(key)
        appendByte(0x3A)
        if redaction.matches(key) {
            appendStatic("\"[REDACTED]\"")
        } else {
            appendMetadataValue(value, redaction: redaction, depth: depth)
        }
    }

    /// Appends one value found inside an object or array at nesting level `depth`.
    mutating func appendMetadataValue(_ value: Logger.Metadata.Value, redaction: MetadataRedaction, depth: Int) {
        switch value {
        case .string(let s):
            appendString(s)
        case .stringConvertible(let c):
            appendString(c.description)
        case .dictionary where depth >= LineEncoder.maxMetadataDepth,
            .array where depth >= LineEncoder.maxMetadataDepth:
            appendByte(0x22)
            appendStatic(LineEncoder.tooDeepMarker)
            appendByte(0x22)
        case .dictionary(let d):
            appendMetadata(d, redaction: redaction, depth: depth + 1)
        case .array(let a):
            appendByte(0x5B)
            var first = true
            for v in a {
                if !first { appendByte(0x2C) }
                first = false
                appendMetadataValue(v, redaction: redaction, depth: depth + 1)
            }
            appendByte(0x5D)
        }
    }
}
