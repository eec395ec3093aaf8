import PerfLog

extension WhereExpression {
    /// A parsed expression tree. `and`/`or` chains are flat lists, so evaluation depth is bounded
    /// by the parenthesis nesting the parser allows.
    indirect enum Node: Sendable {
        case all([Node])
        case any([Node])
        case not(Node)
        case exists(FieldRef)
        case compare(Comparison)
    }

    /// A field as written in the expression, with aliases resolved.
    final class FieldRef: Sendable {
        enum Special: Sendable { case none, level, ts }
        let path: FieldPath
        let special: Special
        /// The path's first component, resolved for ``ScannedRecord``, and the rest.
        let top: ScannedRecord.Field
        let name: String
        let rest: ArraySlice<String>

        convenience init(_ name: String) { self.init(FieldPath(name)) }

        init(_ written: FieldPath) {
            var resolved = written
            switch written.components {
            case ["duration"]: resolved = FieldPath("duration_ms")
            case ["threshold"]: resolved = FieldPath("threshold_ms")
            default: break
            }
            path = resolved
            special = resolved.components == ["level"] ? .level : resolved.components == ["ts"] ? .ts : .none
            self.name = path.components.first ?? ""
            top = ScannedRecord.Field(self.name)
            rest = path.components.dropFirst()
        }
    }

    enum Operator: String, Sendable {
        case eq = "="
        case ne = "!="
        case lt = "<"
        case le = "<="
        case gt = ">"
        case ge = ">="
        case match = "~"
        case notMatch = "!~"
    }

    /// A string value, with its readings as a level and a time when it has them.
    struct StringLiteral: Sendable {
        let bytes: [UInt8]
        let level: PerfLevel?
        let timestamp: Timestamp?

        init(_ s: String) {
            bytes = Array(s.utf8)
            level = PerfLevel(name: s)
            timestamp = Timestamp(parsing: s)
        }
    }

    enum Literal: Sendable {
        case number(Double)
        case string(StringLiteral)
        case bool(Bool)
        case null
        case glob(GlobPattern)
        case regex(RegexMatcher)
    }

    /// One comparison. A class, so that evaluating the tree does not copy its fields (and
    /// retain each of them) at every record.
    final class Comparison: Sendable {
        let field: FieldRef
        let op: Operator
        let value: Literal

        init(field: FieldRef, op: Operator, value: Literal) {
            self.field = field
            self.op = op
            self.value = value
        }
    }
}

/// What the evaluator reads fields from: a ``ScannedRecord`` directly (fields resolved at parse
/// time, no copy of the record), or any ``FieldLookup`` through ``LookupSource`` (by path).
protocol WhereFieldSource {
    func value(of field: WhereExpression.FieldRef) -> JSONValueRef?
    func number(of field: WhereExpression.FieldRef) -> Double?
}

extension ScannedRecord: WhereFieldSource {
    @inline(__always)
    func value(of field: WhereExpression.FieldRef) -> JSONValueRef? { value(field.top, field.name, field.rest) }
    @inline(__always)
    func number(of field: WhereExpression.FieldRef) -> Double? { number(field.top, field.name, field.rest) }
}

/// Adapts any ``FieldLookup`` to the evaluator.
struct LookupSource<L: FieldLookup>: WhereFieldSource {
    let lookup: L
    func value(of field: WhereExpression.FieldRef) -> JSONValueRef? { lookup.value(at: field.path) }
    func number(of field: WhereExpression.FieldRef) -> Double? { lookup.number(at: field.path) }
}

/// A compiled regular expression for `~ /…/`.
///
/// The matcher is ``LinearRegex``: its time is linear in the value, whatever the pattern.
final class RegexMatcher: Sendable {
    let pattern: String
    private let regex: LinearRegex

    init(_ pattern: String, caseInsensitive: Bool) throws(LinearRegex.SyntaxError) {
        self.pattern = pattern
        regex = try LinearRegex(pattern, caseInsensitive: caseInsensitive)
    }

    /// Whether the regex matches anywhere in `text`.
    func matches(_ text: String) -> Bool { regex.matches(text) }
}
