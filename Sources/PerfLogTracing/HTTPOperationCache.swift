// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import PerfLog
    import Synchronization

    /// The ops of HTTP spans (``HTTPOperation``), kept per side, method and route (or host), so
    /// that a span of a route seen before reuses its op instead of building the string again
    /// (BENCHMARKS.md, per-span cost).
    ///
    /// Bounded: ``slotCount`` slots, direct-mapped by a hash of the key; a key whose slot holds
    /// another replaces it. Only ops that need no cut are kept, so one slot holds at most
    /// ``SpanMapping/maxOperationBytes`` of key and op each: a stream of distinct raw paths costs
    /// at most the table, and such spans only lose the reuse. The lock guards one load or store of
    /// a slot; the strings are compared outside it.
    final class HTTPOperationCache: Sendable {
        /// Server spans (`api.…`) or client spans (`http.…`).
        enum Side: UInt8 {
            case server, client
        }

        /// One op and the key it was built from (immutable, shared by the threads that read it).
        final class Entry: Sendable {
            let side: Side
            let method: String
            /// The route or host as the span gives it (`nil`: none).
            let target: String?
            /// Whether method and target are ASCII, so that `==` compares their bytes.
            let ascii: Bool
            let op: String

            init(side: Side, method: String, target: String?, ascii: Bool, op: String) {
                self.side = side
                self.method = method
                self.target = target
                self.ascii = ascii
                self.op = op
            }
        }

        /// The number of slots (a power of two).
        static let slotCount = 256

        private let slots = Mutex<[Entry?]>(Array(repeating: nil, count: HTTPOperationCache.slotCount))

        init() {}

        /// `api.<METHOD> <route>` (``HTTPOperation/server(method:route:)``), cut to
        /// ``SpanMapping/maxOperationBytes``.
        func server(method: String, route: String?) -> (String, cut: Bool) {
            // Keyed by the route as given: HTTPOperation reads one that is no path template as no
            // route, but only when an op is built.
            operation(.server, method: method, target: route) { HTTPOperation.server(method: method, route: route) }
        }

        /// `http.<METHOD> <host>` (``HTTPOperation/client(method:host:)``), cut to
        /// ``SpanMapping/maxOperationBytes``.
        func client(method: String, host: String?) -> (String, cut: Bool) {
            operation(.client, method: method, target: host) { HTTPOperation.client(method: method, host: host) }
        }

        /// The number of slots in use (at most ``slotCount``).
        var count: Int { slots.withLock { $0.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } }

        private func operation(
            _ side: Side, method: String, target: String?, build: () -> String
        ) -> (String, cut: Bool) {
            let (slot, ascii) = Self.slot(side, method, target)
            if let entry = slots.withLock({ $0[slot] }), entry.side == side,
                ascii && entry.ascii
                    ? entry.method == method && entry.target == target
                    : Self.sameBytes(entry.method, method) && Self.sameBytes(entry.target, target)
            {
                return (entry.op, false)
            }
            let (op, cut) = SpanMapping.bounded(build())
            // A key longer than an op may be is not kept (its op is cut anyway): a slot stays small.
            if !cut && method.utf8.count + (target?.utf8.count ?? 0) <= SpanMapping.maxOperationBytes {
                let entry = Entry(side: side, method: method, target: target, ascii: ascii, op: op)
                slots.withLock { $0[slot] = entry }
            }
            return (op, cut)
        }

        /// Whether two keys have the same UTF-8 bytes. `==` holds for canonically equivalent strings
        /// too (`e` and U+0301 against `é`, U+212A KELVIN SIGN against `K`), so it answers only
        /// between two ASCII keys: the op must carry this span's bytes.
        static func sameBytes(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.utf8.elementsEqual(b.utf8)
        }

        /// The slot of a key, from a multiply-rotate hash over the UTF-8 bytes of the method and
        /// the target, eight at a time, and whether every one of those bytes is ASCII.
        static func slot(_ side: Side, _ method: String, _ target: String?) -> (Int, ascii: Bool) {
            var h = UInt64(side.rawValue) &+ 0x9E37_79B9_7F4A_7C15
            var bits: UInt64 = 0
            mix(method, into: &h, &bits)
            if let target { mix(target, into: &h, &bits) } else { h = (h ^ 0xFF) &* 0xFF51_AFD7_ED55_8CCD }
            return (Int(truncatingIfNeeded: h >> 32) & (slotCount - 1), bits & 0x8080_8080_8080_8080 == 0)
        }

        /// Mixes the bytes of `s` into `h` and ORs them into `bits`.
        private static func mix(_ s: String, into h: inout UInt64, _ bits: inout UInt64) {
            if s.utf8.withContiguousStorageIfAvailable({ mix(UnsafeRawBufferPointer($0), into: &h, &bits) }) == nil {
                var contiguous = s
                contiguous.makeContiguousUTF8()
                contiguous.withUTF8 { mix(UnsafeRawBufferPointer($0), into: &h, &bits) }
            }
        }

        private static func mix(_ raw: UnsafeRawBufferPointer, into h: inout UInt64, _ bits: inout UInt64) {
            var i = 0
            while i + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                bits |= word
                h = ((h ^ word) &* 0xFF51_AFD7_ED55_8CCD)
                h = (h << 31) | (h >> 33)
                i += 8
            }
            var tail = UInt64(raw.count) << 56
            var shift: UInt64 = 0
            while i < raw.count {
                bits |= UInt64(raw[i])
                tail |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            h = ((h ^ tail) &* 0xC4CE_B9FE_1A85_EC53)
            h ^= h >> 29
        }
    }
#endif
