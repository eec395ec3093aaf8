/// Builds one format-v1 line straight into bytes, without Foundation and, on the fast path,
/// without heap allocation.
///
/// The encoder appends to a byte buffer it may borrow (a stack buffer from
/// ``withStackBuffer(_:)``) and grows onto the heap only when a line does not fit. Every string
/// is escaped so that the result is always valid JSON on exactly one line: quotes, backslashes,
/// every C0 control character, DEL, the C1 controls U+0080–U+009F, the bidirectional overrides
/// and isolates U+202A–U+202E and U+2066–U+2069, U+2028, U+2029 and U+FEFF are escaped, and
/// invalid UTF-8 given as bytes becomes U+FFFD. See `docs/FORMAT.md`, section 1.
///
/// ```swift
/// LineEncoder.withStackBuffer { encoder in
///     encoder.encode(event)
///     encoder.withBytes { sink.write(line: $0) }
/// }
/// ```
@_spi(Internals) public struct LineEncoder: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var count: Int
    @usableFromInline var owned: Bool

    /// The number of stack bytes ``withStackBuffer(_:)`` provides before growing onto the heap.
    public static let stackCapacity = 1024

    /// Creates an encoder with its own heap buffer of `capacity` bytes (it grows as needed).
    public init(capacity: Int = 512) {
        let c = max(64, capacity)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        self.capacity = c
        count = 0
        owned = true
    }

    @usableFromInline
    init(borrowing buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
        count = 0
        owned = false
    }

    deinit {
        if owned { base.deallocate() }
    }

    /// Runs `body` with an encoder whose first ``stackCapacity`` bytes live on the stack, so that
    /// encoding a typical line allocates nothing.
    @inlinable
    public static func withStackBuffer<R>(_ body: (inout LineEncoder) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stackCapacity) { buffer in
            var encoder = LineEncoder(borrowing: buffer)
            return try body(&encoder)
        }
    }

    /// The number of bytes encoded so far.
    public var byteCount: Int { count }

    /// Forgets the encoded bytes, keeping the buffer.
    public mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes encoded so far (valid only during the call).
    @inlinable
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the encoded bytes.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(n) }
    }

    @usableFromInline
    mutating func grow(_ n: Int) {
        var c = capacity * 2
        while c < count + n { c *= 2 }
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        nb.update(from: base, count: count)
        if owned { base.deallocate() }
        base = nb
        capacity = c
        owned = true
    }

    /// Appends one raw byte.
    @inlinable @inline(__always)
    public mutating func appendByte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    /// Appends raw bytes verbatim (the caller guarantees they are valid JSON in context).
    @inlinable @inline(__always)
    public mutating func appendRaw(_ bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        LineEncoder.copy(p, to: base + count, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends a static ASCII snippet verbatim, e.g. `,"op":`.
    @inlinable @inline(__always)
    public mutating func appendStatic(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        LineEncoder.copy(UnsafeRawPointer(s.utf8Start), to: base + count, count: n)
        count &+= n
    }

    /// Copies `n` bytes; up to 32 bytes with overlapping 8-byte moves (most keys, snippets, ops
    /// and values of a line are that short), longer runs with `memcpy`, whose call costs more
    /// than the copy at these lengths (BENCHMARKS.md).
    @inlinable @inline(__always)
    static func copy(_ src: UnsafeRawPointer, to dst: UnsafeMutablePointer<UInt8>, count n: Int) {
        let d = UnsafeMutableRawPointer(dst)
        if n >= 8 && n <= 16 {
            let a = src.loadUnaligned(as: UInt64.self)
            let b = src.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            d.storeBytes(of: a, as: UInt64.self)
            d.storeBytes(of: b, toByteOffset: n &- 8, as: UInt64.self)
        } else if n > 16 && n <= 32 {
            let a = src.loadUnaligned(as: UInt64.self)
            let b = src.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = src.loadUnaligned(fromByteOffset: n &- 16, as: UInt64.self)
            let e = src.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            d.storeBytes(of: a, as: UInt64.self)
            d.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            d.storeBytes(of: c, toByteOffset: n &- 16, as: UInt64.self)
            d.storeBytes(of: e, toByteOffset: n &- 8, as: UInt64.self)
        } else if n < 8 {
            if n >= 4 {
                let a = src.loadUnaligned(as: UInt32.self)
                let b = src.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
                d.storeBytes(of: a, as: UInt32.self)
                d.storeBytes(of: b, toByteOffset: n &- 4, as: UInt32.self)
            } else {
                var i = 0
                while i < n {
                    d.storeBytes(of: src.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
                    i &+= 1
                }
            }
        } else {
            d.copyMemory(from: src, byteCount: n)
        }
    }

    /// Appends the 27-byte `ts` value (quoted).
    public mutating func appendTimestamp(_ ts: Timestamp) {
        reserve(Timestamp.encodedLength + 2)
        base[count] = 0x22
        TimestampFormatter.write(ts, into: base + count + 1)
        base[count + 1 + Timestamp.encodedLength] = 0x22
        count &+= Timestamp.encodedLength + 2
    }
}
