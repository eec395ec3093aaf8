import CZlib

/// An error reported by zlib, mapped from its `Z_*` return codes.
public struct ZlibError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case stream, data, memory, buffer, version, other(Int32)
    }

    let code: Code
    /// What was being done when zlib failed, e.g. `"inflate"`.
    public let operation: String
    /// zlib's own message (`z_stream.msg`), when it gave one.
    public let zlibMessage: String?

    init(_ rc: Int32, operation: String, message: UnsafePointer<CChar>? = nil) {
        switch rc {
        case Z_STREAM_ERROR: code = .stream
        case Z_DATA_ERROR: code = .data
        case Z_MEM_ERROR: code = .memory
        case Z_BUF_ERROR: code = .buffer
        case Z_VERSION_ERROR: code = .version
        default: code = .other(rc)
        }
        self.operation = operation
        self.zlibMessage = message.map { String(cString: $0) }
    }

    /// True when the compressed data itself is corrupt (as opposed to a usage or memory error).
    public var isDataError: Bool { code == .data }

    public var description: String {
        let what: String
        switch code {
        case .stream: what = "stream error"
        case .data: what = "corrupt data"
        case .memory: what = "out of memory"
        case .buffer: what = "no progress possible"
        case .version: what = "incompatible zlib version"
        case .other(let rc): what = "error \(rc)"
        }
        return "zlib \(operation): \(what)" + (zlibMessage.map { " (\($0))" } ?? "")
    }
}
