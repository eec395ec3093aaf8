/// HTML escaping for text that came from logs (ops, queries, error names, rule names).
package enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters other
    /// than tab and newline (C0, DEL, C1) and the bidirectional overrides and isolates shown as
    /// visible escapes as on a terminal (``TerminalText``: `\x1B`, `\u{202E}`), so that
    /// `abc\u{202E}gnp.exe` cannot display as `abcexe.png`; safe in element content and in
    /// quoted attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if TerminalText.isUnsafe(u) {
                    out += TerminalText.visible(u)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
