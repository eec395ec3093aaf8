import PerfLog

/// Conversions of the values the scanner extracts: the event kind, durations, integers and the
/// level name, each from the raw bytes of a ``JSONValueRef`` or of the line.
extension LineScanner {
    @inline(__always)
    static func eventKind(_ v: JSONValueRef) -> EventKind {
        guard v.kind == .string, !v.hasEscapes, let b = v.raw.baseAddress else { return .other }
        if v.raw.count == 4 && b.loadUnaligned(as: UInt32.self) == 0x6672_6570 { return .perf }
        if v.raw.count == 10 && b.loadUnaligned(as: UInt64.self) == 0x6575_715F_776F_6C73
            && b.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == 0x7972
        {
            return .slowQuery
        }
        return equals(v.raw, "perf") ? .perf : equals(v.raw, "slow_query") ? .slowQuery : .other
    }

    /// A duration in milliseconds: finite and >= 0, or nil.
    @inline(__always)
    static func milliseconds(_ v: JSONValueRef) -> Double? {
        let d: Double?
        switch v.kind {
        case .number: d = DecimalParser.parse(v.raw)
        case .string where !v.hasEscapes: d = DecimalParser.parse(v.raw)
        default: d = nil
        }
        guard let x = d, x.isFinite, x >= 0 else { return nil }
        return x
    }

    @inline(__always)
    static func integer(_ v: JSONValueRef) -> Int? {
        switch v.kind {
        case .number: return DecimalParser.parseInt(v.raw)
        case .string where !v.hasEscapes: return DecimalParser.parseInt(v.raw)
        default: return nil
        }
    }

    @inline(__always)
    static func equals(_ b: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        guard b.count == s.utf8CodeUnitCount else { return false }
        let t = s.utf8Start
        for k in 0..<b.count where b[k] != t[k] { return false }
        return true
    }

    /// Recognises a lower-case level name and its closing quote from the 8 bytes after the
    /// opening quote (`w`) and the 9th byte (`b8`).
    ///
    /// - Returns: the level and the name's length, or 0.
    @inline(__always)
    static func fastLevel(_ w: UInt64, _ b8: UInt8) -> (PerfLevel?, Int) {
        if w & 0xFF_FFFF_FFFF == 0x22_6F66_6E69 { return (.info, 4) }
        switch w & 0xFFFF_FFFF_FFFF {
        case 0x2267_7562_6564: return (.debug, 5)
        case 0x2272_6F72_7265: return (.error, 5)
        case 0x2265_6361_7274: return (.trace, 5)
        default: break
        }
        if w & 0xFF_FFFF_FFFF_FFFF == 0x22_6563_6974_6F6E { return (.notice, 6) }
        if w == 0x2267_6E69_6E72_6177 { return (.warning, 7) }
        if w == 0x6C61_6369_7469_7263 && b8 == 0x22 { return (.critical, 8) }
        return (nil, 0)
    }
}
