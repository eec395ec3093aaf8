import CZlib

/// An error reported by a deflate library (zlib's `Z_*` return codes, libdeflate's and ISA-L's
/// results), mapped to one type.
@_spi(Internals) public struct DeflateError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case stream, data, memory, buffer, version, level
        case other(Int32)
    }

    let code: Code
    /// The library that failed.
    public let backend: DeflateBackend
    /// What was being done when it failed, e.g. `"inflate"`.
    public let operation: String
    /// The library's own message (zlib's `z_stream.msg`), when it gave one.
    public let libraryMessage: String?

    init(_ code: Code, backend: DeflateBackend, operation: String, message: String? = nil) {
        self.code = code
        self.backend = backend
        self.operation = operation
        self.libraryMessage = message
    }

    /// Maps a zlib return code.
    init(zlib rc: Int32, operation: String, message: UnsafePointer<CChar>? = nil) {
        let code: Code
        switch rc {
        case Z_STREAM_ERROR: code = .stream
        case Z_DATA_ERROR: code = .data
        case Z_MEM_ERROR: code = .memory
        case Z_BUF_ERROR: code = .buffer
        case Z_VERSION_ERROR: code = .version
        default: code = .other(rc)
        }
        self.init(code, backend: .zlib, operation: operation, message: message.map { String(cString: $0) })
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
        case .version: what = "incompatible library version"
        case .level: what = "invalid compression level"
        case .other(let rc): what = "error \(rc)"
        }
        return "\(backend.rawValue) \(operation): \(what)" + (libraryMessage.map { " (\($0))" } ?? "")
    }
}
