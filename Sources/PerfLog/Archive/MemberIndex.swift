/// The index perflog writes into the FEXTRA field of each gzip member of its archives
/// (subfield ID `P` `L`, 42 bytes; docs/FORMAT.md has the byte layout).
///
/// It lets a reader hop from member to member without inflating (``memberSize``), inflate members
/// in parallel, and skip members outside a time window (``minTimestamp``...``maxTimestamp``).
/// The index is a hint: readers verify it against the data and fall back to plain sequential
/// reading when it lies.
///
/// Layout of the subfield data, all integers little-endian:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | version (1) |
/// | 1 | 1 | flags (bit 0: the timestamps are valid, i.e. some line had a `ts`) |
/// | 2 | 8 | member size in bytes: header + deflate data + 8-byte trailer |
/// | 10 | 8 | uncompressed size in bytes |
/// | 18 | 8 | line count |
/// | 26 | 8 | earliest `ts`, microseconds since the Unix epoch (signed) |
/// | 34 | 8 | latest `ts`, microseconds since the Unix epoch (signed) |
@_spi(Internals) public struct MemberIndex: Sendable, Equatable {
    /// Subfield identifier bytes SI1, SI2.
    public static let subfieldID: (UInt8, UInt8) = (0x50, 0x4C)  // "PL"
    /// Length of the subfield data.
    public static let dataLength = 42
    /// The current version.
    public static let version: UInt8 = 1

    /// Total bytes of the member: header, deflate data and trailer.
    public var memberSize: UInt64
    /// Bytes the member inflates to.
    public var uncompressedSize: UInt64
    /// Number of `\n`-terminated lines in the member.
    public var lineCount: UInt64
    /// Earliest and latest event timestamp, or `nil` when no line had a readable `ts`.
    public var timeRange: ClosedRange<Timestamp>?

    /// An index with the given fields (each as documented on its property).
    public init(memberSize: UInt64, uncompressedSize: UInt64, lineCount: UInt64, timeRange: ClosedRange<Timestamp>?) {
        self.memberSize = memberSize
        self.uncompressedSize = uncompressedSize
        self.lineCount = lineCount
        self.timeRange = timeRange
    }

    /// Appends the 42 data bytes.
    public func encode(into out: inout [UInt8]) {
        out.append(MemberIndex.version)
        out.append(timeRange == nil ? 0 : 1)
        MemberIndex.put(memberSize, &out)
        MemberIndex.put(uncompressedSize, &out)
        MemberIndex.put(lineCount, &out)
        MemberIndex.put(UInt64(bitPattern: timeRange?.lowerBound.microseconds ?? 0), &out)
        MemberIndex.put(UInt64(bitPattern: timeRange?.upperBound.microseconds ?? 0), &out)
    }

    /// Decodes subfield data; `nil` when the version is unknown, the length is wrong, or the
    /// values are inconsistent (earliest after latest).
    public init?(data: UnsafeRawBufferPointer) {
        guard data.count == MemberIndex.dataLength, data[0] == MemberIndex.version else { return nil }
        func get(_ at: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(data[at + i]) << (8 * UInt64(i)) }
            return v
        }
        memberSize = get(2)
        uncompressedSize = get(10)
        lineCount = get(18)
        if data[1] & 1 != 0 {
            let lo = Int64(bitPattern: get(26))
            let hi = Int64(bitPattern: get(34))
            guard lo <= hi else { return nil }
            timeRange = Timestamp(microseconds: lo)...Timestamp(microseconds: hi)
        } else {
            timeRange = nil
        }
    }

    static func put(_ v: UInt64, _ out: inout [UInt8]) {
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }
}
