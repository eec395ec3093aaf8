/// A growable byte buffer for building lookup keys on the hot path (a group key, an error type).
///
/// Appends are pointer writes: no uniqueness check and no generic collection path, which a
/// `[UInt8]` costs on every append (BENCHMARKS.md).
/// One per ``AggregationState``, used by one thread.
final class KeyBuilder {
    private(set) var base: UnsafeMutableRawPointer
    /// Bytes in use.
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// The key built so far.
    @inline(__always)
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Empties the key, keeping the storage.
    @inline(__always)
    func removeAll() { count = 0 }

    @inline(__always)
    func append(byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Appends a 64-bit value, little-endian.
    @inline(__always)
    func append(_ value: Int64) {
        if count + 8 > capacity { grow(count + 8) }
        base.storeBytes(of: value.littleEndian, toByteOffset: count, as: Int64.self)
        count += 8
    }

    /// Appends a tagged field: the tag, the length as 4 bytes little-endian, then the bytes.
    @inline(__always)
    func appendField(tag: UInt8, _ bytes: UnsafeRawBufferPointer) {
        if count + 5 + bytes.count > capacity { grow(count + 5 + bytes.count) }
        base.storeBytes(of: tag, toByteOffset: count, as: UInt8.self)
        base.storeBytes(
            of: UInt32(truncatingIfNeeded: bytes.count).littleEndian, toByteOffset: count + 1, as: UInt32.self)
        count += 5
        if let src = bytes.baseAddress, bytes.count > 0 {
            KeyBuilder.copy(to: base + count, from: src, bytes.count)
            count += bytes.count
        }
    }

    /// Copies `n` bytes: group values are short, and a call to `memcpy` costs more than moving
    /// them with a few overlapping 8-byte loads and stores.
    @inline(__always)
    static func copy(to d: UnsafeMutableRawPointer, from s: UnsafeRawPointer, _ n: Int) {
        if n >= 8 && n <= 32 {
            var i = 0
            while i &+ 8 < n {
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            d.storeBytes(
                of: s.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
        } else if n < 8 {
            for i in 0..<n {
                d.storeBytes(of: s.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            }
        } else {
            d.copyMemory(from: s, byteCount: n)
        }
    }

    private func grow(_ needed: Int) {
        var c = capacity
        while c < needed { c *= 2 }
        let b = UnsafeMutableRawPointer.allocate(byteCount: c, alignment: 8)
        b.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = b
        capacity = c
    }
}
