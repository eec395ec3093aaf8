/// A field path in a record: `op`, `status`, `meta.user_id`, `meta.http.route`, `meta."http.route"`.
///
/// Components are separated by dots; a component in double quotes is one key even when it holds
/// dots (`meta."http.route"` is the key `http.route` of `meta`), with `\` escaping the next
/// character inside the quotes. An unquoted path whose nested lookup finds nothing falls back to
/// the dotted key (see ``ScannedRecord/value(at:)``): `meta.http.route` reads `meta."http.route"`
/// when `meta` has no `http` object.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The path's components, e.g. `["meta", "user_id"]` or `["meta", "http.route"]`.
    public var components: [String]

    /// The path written as `dotted`; quotes group a component (see the type's discussion).
    /// Never fails: use ``init(validating:)`` for text typed by a person.
    public init(_ dotted: String) {
        components =
            FieldPath.split(dotted)?.components
            ?? dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The path written as `text`, or `nil` when a component is empty (`a..b`, `.a`, `a.`) or a
    /// quote is not closed. An empty quoted component (`meta.""`) names the empty key.
    public init?(validating text: String) {
        guard let parsed = FieldPath.split(text) else { return nil }
        for (c, quoted) in zip(parsed.components, parsed.quoted) where c.isEmpty && !quoted { return nil }
        components = parsed.components
    }

    /// The components as given.
    public init(components: [String]) { self.components = components }

    /// The path as it is written: components that hold a dot, a quote or a backslash, or are
    /// empty, are quoted.
    public var description: String {
        components.map { c in
            guard c.isEmpty || c.contains(where: { $0 == "." || $0 == "\"" || $0 == "\\" }) else { return c }
            var q = "\""
            for ch in c {
                if ch == "\"" || ch == "\\" { q.append("\\") }
                q.append(ch)
            }
            return q + "\""
        }.joined(separator: ".")
    }

    /// Splits on dots outside double quotes; `nil` when a quote or an escape is not closed.
    static func split(_ text: String) -> (components: [String], quoted: [Bool])? {
        var components: [String] = []
        var quoted: [Bool] = []
        var current = ""
        var currentQuoted = false
        var inQuotes = false
        var escaped = false
        for ch in text {
            if inQuotes {
                if escaped {
                    current.append(ch)
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    inQuotes = false
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                inQuotes = true
                currentQuoted = true
            } else if ch == "." {
                components.append(current)
                quoted.append(currentQuoted)
                current = ""
                currentQuoted = false
            } else {
                current.append(ch)
            }
        }
        guard !inQuotes else { return nil }
        components.append(current)
        quoted.append(currentQuoted)
        return (components, quoted)
    }
}
