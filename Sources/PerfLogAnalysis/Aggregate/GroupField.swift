/// A group-by field resolved once, so the common ones read the scanned field directly.
enum GroupField {
    case op, logger, error, outcome
    case other(FieldPath)

    init(_ path: FieldPath) {
        switch path.components {
        case ["op"]: self = .op
        case ["logger"]: self = .logger
        case ["error"]: self = .error
        case ["outcome"]: self = .outcome
        default: self = .other(path)
        }
    }

    /// The field's value in `r`. The record is taken by address (`inout`, only read): passed by
    /// value, the whole record (512 bytes) was copied for every line.
    @inline(__always)
    func value(in r: inout ScannedRecord) -> JSONValueRef? {
        switch self {
        case .op: r.op
        case .logger: r.logger
        case .error: r.error
        case .outcome: r.outcome
        case .other(let p): GroupField.value(at: p, in: &r)
        }
    }

    /// Any other field, out of line: inlined, `ScannedRecord.value(at:)` made the caller copy
    /// the record before its loop over the fields.
    @inline(never)
    static func value(at path: FieldPath, in r: inout ScannedRecord) -> JSONValueRef? {
        r.value(at: path)
    }
}
