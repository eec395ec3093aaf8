import Logging

extension LineEncoder {
    /// Appends a complete line for `event` with extra top-level numeric `fields` after the event's
    /// own fields and before `meta`, ending in `\n`: the shape of the interval lines of metrics and
    /// resource samples (docs/FORMAT.md).
    ///
    /// - Parameters:
    ///   - event: the event; its `metadata` becomes `meta`.
    ///   - fields: keys and values, written in order as JSON numbers.
    ///   - redaction: which metadata keys have their values replaced by `"[REDACTED]"`.
    package mutating func encode(
        _ event: PerfEvent, fields: [(key: StaticString, value: JSONNumber)], redaction: MetadataRedaction = .default
    ) {
        appendHead(event)
        for (key, value) in fields {
            appendByte(0x2C)
            appendByte(0x22)
            appendStatic(key)
            appendStatic("\":")
            appendNumber(value)
        }
        if let md = event.metadata, !md.isEmpty {
            appendStatic(",\"meta\":")
            appendMetadata(md, redaction: redaction)
        }
        appendStatic("}\n")
    }

    /// Appends `value` as a JSON number: integers in decimal, doubles in Swift's shortest
    /// round-trip form (`0.25`, `1e-05`); a non-finite double is `null`.
    package mutating func appendNumber(_ value: JSONNumber) {
        switch value {
        case .int(let v):
            appendInt(v)
        case .double(let v):
            guard v.isFinite else {
                appendStatic("null")
                return
            }
            if v == v.rounded(), v.magnitude < 1e15 {
                appendInt(Int64(v))
            } else {
                appendLargeNumber(v)
            }
        }
    }
}

/// A number written into a line as a JSON number.
package enum JSONNumber: Sendable, Equatable {
    case int(Int64)
    case double(Double)
}
