/// One field value of a group key, decoded once when the group is first seen.
public enum GroupValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The record had no such field.
    case missing
    /// A JSON string (decoded).
    case string(String)
    /// A JSON number, as its literal text (`200`, `1.5e3`).
    case number(String)
    /// `true`, `false` or `null`, or an object or array, as its literal JSON text.
    case literal(String)

    /// The text shown in tables and CSV (`-` for a missing field).
    public var description: String {
        switch self {
        case .missing: "-"
        case .string(let s), .number(let s), .literal(let s): s
        }
    }

    /// Numbers first (by value), then strings, literals and missing values (by text).
    public static func < (a: GroupValue, b: GroupValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            let dx = Double(x) ?? 0
            let dy = Double(y) ?? 0
            return dx != dy ? dx < dy : x < y
        default:
            return a.rank != b.rank ? a.rank < b.rank : a.description < b.description
        }
    }

    private var rank: Int {
        switch self {
        case .number: 0
        case .string: 1
        case .literal: 2
        case .missing: 3
        }
    }

    // MARK: Key bytes

    static let tagMissing: UInt8 = 0, tagString: UInt8 = 1, tagNumber: UInt8 = 2, tagLiteral: UInt8 = 3

    /// Appends this value's key encoding (tag, 4-byte length, bytes) to `key`.
    func appendKey(to key: KeyBuilder) {
        let tag: UInt8
        var text: String
        switch self {
        case .missing:
            tag = GroupValue.tagMissing
            text = ""
        case .string(let s):
            tag = GroupValue.tagString
            text = s
        case .number(let s):
            tag = GroupValue.tagNumber
            text = s
        case .literal(let s):
            tag = GroupValue.tagLiteral
            text = s
        }
        text.withUTF8 { key.appendField(tag: tag, UnsafeRawBufferPointer($0)) }
    }

    /// Appends the key encoding of a raw JSON value (strings unescaped) to `key`: the same bytes
    /// as the decoded value's ``appendKey(to:)``.
    @inline(__always)
    static func appendKey(_ ref: JSONValueRef?, to key: KeyBuilder) {
        guard let ref else {
            key.appendField(tag: tagMissing, UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        switch ref.kind {
        case .string:
            if ref.hasEscapes {
                var tmp: [UInt8] = []
                JSONValueRef.unescape(ref.raw, into: &tmp)
                tmp.withUnsafeBytes { key.appendField(tag: tagString, $0) }
            } else {
                key.appendField(tag: tagString, ref.raw)
            }
        case .number: key.appendField(tag: tagNumber, ref.raw)
        default: key.appendField(tag: tagLiteral, ref.raw)
        }
    }

    /// Decodes the values from a key's bytes (`count` values, in order).
    static func decode(_ key: UnsafeRawBufferPointer, count: Int) -> [GroupValue] {
        var out: [GroupValue] = []
        var i = 0
        for _ in 0..<count {
            guard i + 5 <= key.count else {
                out.append(.missing)
                continue
            }
            let tag = key[i]
            let n = Int(key[i + 1]) | Int(key[i + 2]) << 8 | Int(key[i + 3]) << 16 | Int(key[i + 4]) << 24
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: key[(i + 5)..<(i + 5 + n)]), as: UTF8.self)
            i += 5 + n
            switch tag {
            case tagString: out.append(.string(text))
            case tagNumber: out.append(.number(text))
            case tagLiteral: out.append(.literal(text))
            default: out.append(.missing)
            }
        }
        return out
    }
}

extension GroupValue {
    /// The value as JSON: strings quoted, numbers and `true`/`false`/`null` as written, objects
    /// and arrays as a string holding their text, a missing field as `null`.
    public var jsonText: String {
        switch self {
        case .missing: return "null"
        case .string(let s): return JSONWriter.quoted(s)
        case .number(let s): return GroupValue.isJSONNumber(s) ? s : JSONWriter.quoted(s)
        case .literal(let s): return s == "true" || s == "false" || s == "null" ? s : JSONWriter.quoted(s)
        }
    }

    /// Whether `s` follows JSON's number grammar.
    static func isJSONNumber(_ s: String) -> Bool {
        var it = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = it.first, c >= 0x30 && c <= 0x39 {
                it = it.dropFirst()
                n += 1
            }
            return n
        }
        if it.first == 0x2D { it = it.dropFirst() }
        if it.first == 0x30 { it = it.dropFirst() } else if digits() == 0 { return false }
        if it.first == 0x2E {
            it = it.dropFirst()
            if digits() == 0 { return false }
        }
        if it.first == 0x65 || it.first == 0x45 {
            it = it.dropFirst()
            if it.first == 0x2B || it.first == 0x2D { it = it.dropFirst() }
            if digits() == 0 { return false }
        }
        return it.isEmpty
    }
}
