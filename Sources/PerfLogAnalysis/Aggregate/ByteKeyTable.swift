#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open-addressing hash table from byte strings to dense indices `0..<count`, used to find a
/// group, a query fingerprint or an error type by its raw bytes without allocating.
///
/// Keys are copied into one arena when first inserted; lookups hash the probe bytes (a 64-bit word-at-a-time hash)
/// and compare them in place. Indices are assigned in insertion order and never change.
struct ByteKeyTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)

    /// Number of keys.
    var count: Int { offsets.count }

    /// Hashes `key`: eight bytes at a time, multiply-and-rotate mixing, then a final avalanche.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = ((h ^ w) &* 0xBF58_476D_1CE4_E5B9)
            h = (h << 31) | (h >> 33)
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            if n >= 8 {
                // The last 8 bytes, overlapping the words already mixed in: one load instead of a
                // loop over up to 7 bytes (keys are op names, mostly 15-40 bytes).
                w = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else {
                var shift: UInt64 = 0
                while i < n {
                    w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                    shift += 8
                    i += 1
                }
            }
            h = ((h ^ w) &* 0xBF58_476D_1CE4_E5B9)
        }
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// The index of `key`, or `nil` when the table does not hold it.
    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        probe(key, ByteKeyTable.hash(key)).index
    }

    /// The slot where `key` (hashed to `h`) is, or where it would go, and its index when present.
    @inline(__always)
    private func probe(_ key: UnsafeRawBufferPointer, _ h: UInt64) -> (slot: Int, index: Int?) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[s]
            if e < 0 { return (s, nil) }
            let i = Int(e)
            if hashes[i] == h && lengths[i] == key.count && equal(i, key) { return (s, i) }
            s = (s + 1) & mask
        }
    }

    /// The index of `key`, inserting it when new.
    ///
    /// - Returns: the index and whether the key was inserted by this call.
    mutating func findOrInsert(_ key: UnsafeRawBufferPointer) -> (index: Int, inserted: Bool) {
        let h = ByteKeyTable.hash(key)
        let (s, found) = probe(key, h)
        if let found { return (found, false) }
        let index = offsets.count
        offsets.append(arena.count)
        lengths.append(key.count)
        hashes.append(h)
        arena.append(contentsOf: key)
        slots[s] = Int32(index)
        if offsets.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// Calls `body` with the bytes of the key at `index`.
    func withKey<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[offsets[index]..<(offsets[index] + lengths[index])]))
        }
    }

    /// A copy of the key at `index`.
    func key(at index: Int) -> [UInt8] { Array(arena[offsets[index]..<(offsets[index] + lengths[index])]) }

    private func equal(_ i: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count > 0 else { return true }
        return arena.withUnsafeBytes { all in
            memcmp(all.baseAddress! + offsets[i], key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for i in 0..<offsets.count {
            var s = Int(truncatingIfNeeded: hashes[i]) & mask
            while newSlots[s] >= 0 { s = (s + 1) & mask }
            newSlots[s] = Int32(i)
        }
        slots = newSlots
    }
}
