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

    @inline(__always)
    func value(in r: ScannedRecord) -> JSONValueRef? {
        switch self {
        case .op: r.op
        case .logger: r.logger
        case .error: r.error
        case .outcome: r.outcome
        case .other(let p): r.value(at: p)
        }
    }
}
