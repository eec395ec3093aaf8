/// How an `Error` becomes the `error` field of a line.
public enum ErrorRendering: Sendable, Hashable {
    /// The error's type name, e.g. `"DatabaseError"` (the default: groups well, leaks nothing).
    case typeName
    /// The type name, a colon and the error's description, capped at `maxBytes` bytes
    /// (cut at a character boundary), e.g. `"DatabaseError: connection reset"`.
    case typeNameAndDescription(maxBytes: Int)

    /// Renders `error` for the `error` field.
    public func render(_ error: any Error) -> String {
        let type = String(describing: Swift.type(of: error))
        switch self {
        case .typeName:
            return type
        case .typeNameAndDescription(let maxBytes):
            let full = type + ": " + String(describing: error)
            return ErrorRendering.truncate(full, maxBytes: maxBytes)
        }
    }

    static func truncate(_ s: String, maxBytes: Int) -> String {
        if s.utf8.count <= maxBytes { return s }
        var end = s.utf8.startIndex
        var used = 0
        for ch in s.unicodeScalars {
            let n = ch.utf8.count
            if used + n > maxBytes { break }
            used += n
            end = s.utf8.index(end, offsetBy: n)
        }
        return String(s[..<end])
    }
}
