/// Makes text from logs safe to print on a terminal: control characters (C0, DEL, C1), and
/// the bidirectional overrides become visible escapes (`\x1B`, `\u{202E}`), so that no log line
/// can move the cursor, change colours or hide text.
package enum TerminalText {
    /// `text` with every control character made visible.
    ///
    /// ```swift
    /// TerminalText.neutralize("a\u{1B}[2Jb")   // "a\\x1B[2Jb"
    /// ```
    package static func neutralize(_ text: String) -> String {
        var needs = false
        for u in text.unicodeScalars where isUnsafe(u) {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for u in text.unicodeScalars {
            if isUnsafe(u) {
                out += visible(u)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The visible, ASCII-only form of an unsafe scalar: `\x1B`, `\x9B`, `\u{202E}`.
    static func visible(_ u: Unicode.Scalar) -> String {
        if u.value < 0x100 { return "\\x" + String(JSONWriter.hex4(u.value).suffix(2)).uppercased() }
        return "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
    }

    @inline(__always)
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
            || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// `text` neutralised and cut to at most `width` characters (ending in `…` when cut).
    package static func cell(_ text: String, width: Int) -> String {
        let safe = neutralize(text)
        guard safe.count > width, width > 1 else { return safe }
        return String(safe.prefix(width - 1)) + "…"
    }
}
