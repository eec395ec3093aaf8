/// An open-addressing hash table from byte strings to dense indices `0..<count`, used to find a
/// group, a query fingerprint or an error type by its raw bytes without allocating.
///
/// Keys are copied into one arena when first inserted; lookups hash the probe bytes (64-bit FNV-1a)
/// and compare them in place. Indices are assigned in insertion order and never change.
struct ByteKeyTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)

    /// Number of keys.
    var count: Int { offsets.count }

    /// Hashes `key` (64-bit FNV-1a).
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }

    /// The index of `key`, inserting it when new.
    ///
    /// - Returns: the index and whether the key was inserted by this call.
    mutating func findOrInsert(_ key: UnsafeRawBufferPointer) -> (index: Int, inserted: Bool) {
        let h = ByteKeyTable.hash(key)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[s]
            if e < 0 { break }
            let i = Int(e)
            if hashes[i] == h && lengths[i] == key.count && equal(i, key) { return (i, false) }
            s = (s + 1) & mask
        }
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
        arena.withUnsafeBytes { all in
            let start = offsets[i]
            for k in 0..<key.count where all[start + k] != key[k] { return false }
            return true
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
