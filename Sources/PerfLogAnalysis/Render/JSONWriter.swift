/// A small JSON writer that keeps keys in the order they are written (Foundation's encoder does
/// not promise an order), with numbers formatted by the caller.
///
/// ```swift
/// var w = JSONWriter()
/// w.beginObject(); w.key("schema"); w.string("perflog.report/1"); w.endObject()
/// w.output   // {"schema":"perflog.report/1"}
/// ```
package struct JSONWriter: Sendable {
    /// The text written so far.
    package private(set) var output: String = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String?

    /// - Parameter indent: indentation per level (e.g. two spaces), or `nil` for one line.
    package init(indent: String? = nil) { indentUnit = indent }

    /// Opens an object (`{`).
    package mutating func beginObject() {
        value("{")
        needsComma.append(false)
    }
    /// Closes the innermost object (`}`).
    package mutating func endObject() { close("}") }
    /// Opens an array (`[`).
    package mutating func beginArray() {
        value("[")
        needsComma.append(false)
    }
    /// Closes the innermost array (`]`).
    package mutating func endArray() { close("]") }

    /// Writes an object key; the next call writes its value.
    package mutating func key(_ k: String) {
        separator()
        output += JSONWriter.quoted(k)
        output += indentUnit == nil ? ":" : ": "
        pendingValueAfterKey = true
    }

    /// Writes a string value, escaped.
    package mutating func string(_ s: String) { value(JSONWriter.quoted(s)) }
    /// Writes a string value, or `null`.
    package mutating func string(_ s: String?) { value(s.map(JSONWriter.quoted) ?? "null") }
    /// Writes an integer value.
    package mutating func int(_ v: Int64) { value(String(v)) }
    /// Writes an integer value.
    package mutating func int(_ v: Int) { value(String(v)) }
    /// Writes `null`.
    package mutating func null() { value("null") }
    /// Writes a number already formatted as JSON (e.g. by ``fixed(_:decimals:)``).
    package mutating func raw(_ text: String) { value(text) }

    private var pendingValueAfterKey = false

    private mutating func value(_ text: String) {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
        } else {
            separator()
        }
        output += text
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        if let unit = indentUnit, needsComma.count > 1 {
            output += "\n" + String(repeating: unit, count: needsComma.count - 1)
        }
    }

    private mutating func close(_ c: String) {
        let hadItems = needsComma.removeLast()
        if let unit = indentUnit, hadItems {
            output += "\n" + String(repeating: unit, count: needsComma.count - 1)
        }
        output += c
    }

    /// A JSON string literal: quotes, backslashes, control characters, U+2028 and U+2029 escaped.
    package static func quoted(_ s: String) -> String {
        // Fast path: nothing to escape (no control byte, quote, backslash, DEL, or 0xE2, the
        // first byte of U+2028/U+2029).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u" + hex4(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([
            digits[Int(v >> 12 & 0xF)], digits[Int(v >> 8 & 0xF)], digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)],
        ])
    }

    /// `value` with exactly `decimals` digits after the point, rounded half away from zero
    /// (`fixed(12.3456, decimals: 3)` is `"12.346"`). Non-finite values become `null`.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let n = Int64(scaled)
        let s = Int64(scale)
        var text = value < 0 && n != 0 ? "-" : ""
        text += String(n / s)
        if decimals > 0 {
            let frac = String(n % s)
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return text
    }
}
