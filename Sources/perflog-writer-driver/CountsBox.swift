/// Per-thread event counts.
final class CountsBox: @unchecked Sendable {
    // @unchecked Sendable: each thread writes only its own slot, read after every thread is joined.
    private let slots: UnsafeMutablePointer<Int>
    private let n: Int
    init(_ n: Int) {
        self.n = n
        slots = .allocate(capacity: n)
        slots.initialize(repeating: 0, count: n)
    }
    deinit { slots.deallocate() }
    func set(_ i: Int, _ v: Int) { slots[i] = v }
    func get(_ i: Int) -> Int { slots[i] }
}
