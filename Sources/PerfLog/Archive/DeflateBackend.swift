import CFastDeflate

/// A library that compresses or decompresses deflate data.
///
/// zlib is always there. libdeflate (whole-buffer compression and decompression) and ISA-L
/// (streaming inflate) are used when they were found when perflog was built (README.md,
/// "Compression"); each role falls back to zlib otherwise.
@_spi(Internals) public enum DeflateBackend: String, Sendable, CaseIterable {
    /// zlib, always linked.
    case zlib
    /// libdeflate, when its header was found at build time.
    case libdeflate
    /// ISA-L (igzip), when its header was found at build time.
    case isal

    /// True when perflog was built with this library.
    public var isAvailable: Bool {
        switch self {
        case .zlib: return true
        case .libdeflate: return CFastDeflate_hasLibdeflate() != 0
        case .isal: return CFastDeflate_hasISAL() != 0
        }
    }

    /// What compresses archive members: libdeflate when available, zlib otherwise.
    public static var compressor: DeflateBackend { DeflateBackend.libdeflate.isAvailable ? .libdeflate : .zlib }

    /// What inflates gzip streams piece by piece: ISA-L when available, zlib otherwise.
    public static var streamingInflater: DeflateBackend { DeflateBackend.isal.isAvailable ? .isal : .zlib }

    /// What inflates a whole member of known size in one call: libdeflate, when available.
    public static var memberInflater: DeflateBackend? { DeflateBackend.libdeflate.isAvailable ? .libdeflate : nil }
}
