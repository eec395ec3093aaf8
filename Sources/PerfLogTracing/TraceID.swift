// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    @_spi(Internals) import PerfLog

    /// A W3C trace id: 16 bytes, written as 32 lowercase hex digits; never all zero.
    public struct TraceID: Sendable, Hashable, CustomStringConvertible {
        /// The first 8 bytes, big-endian.
        public var high: UInt64
        /// The last 8 bytes, big-endian.
        public var low: UInt64

        /// Creates a trace id from its two halves.
        public init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        /// Parses 32 lowercase hex digits; `nil` for anything else or for the invalid all-zero id.
        public init?(hex: some StringProtocol) {
            let utf8 = Array(hex.utf8)
            guard utf8.count == 32, let h = HexDigits.parse(utf8[0..<16]), let l = HexDigits.parse(utf8[16..<32]),
                h | l != 0
            else { return nil }
            high = h
            low = l
        }

        /// The 32 lowercase hex digits.
        public var hex: String { HexDigits.format(high, low) }

        public var description: String { hex }
    }

    /// A W3C span id (the traceparent's parent-id): 8 bytes, written as 16 lowercase hex digits;
    /// never zero.
    public struct SpanID: Sendable, Hashable, CustomStringConvertible {
        /// The 8 bytes, big-endian.
        public var value: UInt64

        /// Creates a span id.
        public init(_ value: UInt64) { self.value = value }

        /// Parses 16 lowercase hex digits; `nil` for anything else or for the invalid zero id.
        public init?(hex: some StringProtocol) {
            let utf8 = Array(hex.utf8)
            guard utf8.count == 16, let v = HexDigits.parse(utf8[...]), v != 0 else { return nil }
            value = v
        }

        /// The 16 lowercase hex digits.
        public var hex: String { HexDigits.format(value) }

        public var description: String { hex }
    }

    /// Lowercase hex, as W3C Trace Context writes ids.
    enum HexDigits {
        /// One id's digits, 16 per word, most significant first.
        static func format(_ words: UInt64...) -> String {
            String(unsafeUninitializedCapacity: words.count * 16) { buffer in
                var i = 0
                for w in words {
                    withUnsafeBytes(of: digits(w)) { d in
                        for b in d {
                            buffer[i] = b
                            i += 1
                        }
                    }
                }
                return i
            }
        }

        /// Appends the 16 digits of `word` to a line.
        static func append(_ word: UInt64, to e: inout LineEncoder) {
            withUnsafeBytes(of: digits(word)) { e.appendRaw($0) }
        }

        /// The 16 digits of `word` as bytes in memory order (most significant digit first).
        @inline(__always)
        private static func digits(_ word: UInt64) -> (UInt64, UInt64) {
            (digits(UInt32(truncatingIfNeeded: word >> 32)), digits(UInt32(truncatingIfNeeded: word)))
        }

        /// The 8 digits of `half` as bytes in memory order, all at once: each nibble spread to a
        /// byte of its own (the least significant in the lowest byte), made ASCII (`0`–`9`, then
        /// `a`–`f` for the bytes over 9), then put most significant first.
        @inline(__always)
        private static func digits(_ half: UInt32) -> UInt64 {
            var x = UInt64(half)
            x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
            x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
            x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
            let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
            return (x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27).bigEndian
        }

        /// Up to 16 lowercase hex digits as one word; `nil` on any other byte.
        static func parse(_ bytes: ArraySlice<UInt8>) -> UInt64? {
            guard bytes.count <= 16 else { return nil }
            var v: UInt64 = 0
            for b in bytes {
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                default: return nil
                }
                v = v << 4 | UInt64(d)
            }
            return v
        }
    }
#endif
