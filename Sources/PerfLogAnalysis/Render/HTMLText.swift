/// HTML escaping for text that came from logs (ops, queries, error names, rule names).
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters other
    /// than tab and newline dropped; safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
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
                if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
