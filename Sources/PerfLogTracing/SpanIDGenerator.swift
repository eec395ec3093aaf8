// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Synchronization

    /// Random-looking, unique ids without a system call per span: a counter (one atomic add) run
    /// through SplitMix64's finalizer, a bijection, from a random start. Ids within one generator never
    /// repeat before 2^64 spans; two processes collide only as two random 64-bit values do.
    final class SpanIDGenerator: Sendable {
        private let counter: Atomic<UInt64>
        private let traceSalt: UInt64
        private let mixing: Bool

        init() {
            var g = SystemRandomNumberGenerator()
            counter = Atomic(g.next())
            traceSalt = g.next()
            mixing = true
        }

        /// Plain sequential ids (1, 2, 3, … with trace ids `0…0n`), for tests that expect exact lines.
        init(sequential: ()) {
            counter = Atomic(0)
            traceSalt = 0
            mixing = false
        }

        func nextSpanID() -> SpanID {
            let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
            return SpanID(mixing ? Self.nonZero(Self.mix(n)) : n)
        }

        func nextTraceID() -> TraceID {
            let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
            guard mixing else { return TraceID(high: 0, low: n) }
            return TraceID(high: Self.mix(n ^ traceSalt), low: Self.nonZero(Self.mix(n)))
        }

        private static func nonZero(_ v: UInt64) -> UInt64 { v == 0 ? 1 : v }

        /// SplitMix64's output function.
        static func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
#endif
