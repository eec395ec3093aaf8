/// A shell-style glob matched against bytes without allocating: `*` (any run, also empty),
/// `?` (one character), `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` (one byte in or not in the set),
/// and `\` to match the next character literally.
///
/// An unterminated `[` matches itself. Matching is case-sensitive and covers the whole text.
///
/// ```swift
/// GlobPattern("db.*").matches("db.get_user_profile")   // true
/// GlobPattern("api.GET /api/v?/user*").matches("api.GET /api/v1/user/profile")   // true
/// ```
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// The pattern's bytes, with unterminated `[` escaped.
    private let bytes: [UInt8]
    /// True when the pattern has no wildcards, so matching is a byte comparison.
    public let isLiteral: Bool
    private let literal: [UInt8]

    /// Compiles `pattern`. Every string is a valid pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        let src = Array(pattern.utf8)
        var out: [UInt8] = []
        var lit: [UInt8] = []
        var wild = false
        var i = 0
        while i < src.count {
            let c = src[i]
            switch c {
            case UInt8(ascii: "\\"):
                if i + 1 < src.count {
                    out.append(c)
                    out.append(src[i + 1])
                    lit.append(src[i + 1])
                    i += 2
                } else {
                    out.append(contentsOf: [c, c])
                    lit.append(c)
                    i += 1
                }
                continue
            case UInt8(ascii: "*"), UInt8(ascii: "?"):
                wild = true
                out.append(c)
            case UInt8(ascii: "["):
                if GlobPattern.classEnd(src, i) != nil {
                    wild = true
                    out.append(c)
                } else {
                    out.append(contentsOf: [UInt8(ascii: "\\"), c])
                    lit.append(c)
                }
            default:
                out.append(c)
                lit.append(c)
            }
            i += 1
        }
        bytes = out
        isLiteral = !wild
        literal = lit
        // `prefix*` (the common `db.*`): a prefix comparison.
        if let star = out.firstIndex(of: UInt8(ascii: "*")), star == out.count - 1,
            !out[..<star].contains(where: { [UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\")].contains($0) })
        {
            prefix = Array(out[..<star])
        } else {
            prefix = nil
        }
    }

    /// The literal prefix when the pattern is exactly `prefix*`.
    private let prefix: [UInt8]?

    /// The pattern as written.
    public var description: String { pattern }

    /// Patterns are equal when written alike.
    public static func == (a: GlobPattern, b: GlobPattern) -> Bool { a.pattern == b.pattern }
    /// Hashes the pattern's text.
    public func hash(into h: inout Hasher) { h.combine(pattern) }

    /// The index of the `]` closing the class that opens at `i`, or nil.
    private static func classEnd(_ p: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        if j < p.count && (p[j] == UInt8(ascii: "!") || p[j] == UInt8(ascii: "^")) { j += 1 }
        if j < p.count && p[j] == UInt8(ascii: "]") { j += 1 }
        while j < p.count {
            if p[j] == UInt8(ascii: "]") { return j }
            j += 1
        }
        return nil
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        var s = text
        return s.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    /// Whether the whole of `text` (bytes, e.g. a string value's raw bytes) matches.
    public func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        if isLiteral {
            return literal.withUnsafeBytes { WhereExpression.Comparison.equalBytes($0, text) }
        }
        if let prefix {
            guard text.count >= prefix.count else { return false }
            return prefix.withUnsafeBytes {
                WhereExpression.Comparison.equalBytes($0, UnsafeRawBufferPointer(rebasing: text[0..<prefix.count]))
            }
        }
        return bytes.withUnsafeBufferPointer { pat in GlobPattern.match(pat, text) }
    }

    private static func match(_ pat: UnsafeBufferPointer<UInt8>, _ s: UnsafeRawBufferPointer) -> Bool {
        let m = pat.count
        let n = s.count
        var pi = 0
        var si = 0
        var starP = -1
        var starS = 0
        while si < n {
            if pi < m {
                let c = pat[pi]
                switch c {
                case UInt8(ascii: "*"):
                    if pi + 1 == m { return true }  // a trailing star matches the rest
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                case UInt8(ascii: "?"):
                    si += 1
                    if s[si - 1] >= 0xC0 {
                        while si < n && s[si] & 0xC0 == 0x80 { si += 1 }
                    }
                    pi += 1
                    continue
                case UInt8(ascii: "["):
                    if let next = matchClass(pat, pi, s[si]) {
                        pi = next
                        si += 1
                        continue
                    }
                case UInt8(ascii: "\\"):
                    if pi + 1 < m && pat[pi + 1] == s[si] {
                        pi += 2
                        si += 1
                        continue
                    }
                default:
                    if c == s[si] {
                        pi += 1
                        si += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            pi = starP + 1
            starS += 1
            si = starS
        }
        while pi < m && pat[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == m
    }

    /// When byte `b` matches the class at `pat[i]` (`[`), the index after its `]`; else nil.
    private static func matchClass(_ pat: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UInt8) -> Int? {
        var j = i + 1
        var negate = false
        if j < pat.count && (pat[j] == UInt8(ascii: "!") || pat[j] == UInt8(ascii: "^")) {
            negate = true
            j += 1
        }
        var hit = false
        var first = true
        while j < pat.count && (first || pat[j] != UInt8(ascii: "]")) {
            first = false
            let lo = pat[j]
            if j + 2 < pat.count && pat[j + 1] == UInt8(ascii: "-") && pat[j + 2] != UInt8(ascii: "]") {
                if lo <= b && b <= pat[j + 2] { hit = true }
                j += 3
            } else {
                if lo == b { hit = true }
                j += 1
            }
        }
        guard j < pat.count else { return nil }
        return hit != negate ? j + 1 : nil
    }
}
