/// The recursive-descent parser behind ``WhereExpression/init(parsing:)``.
///
/// Recursion happens only at parentheses, capped at ``maxDepth`` levels, so hostile input cannot
/// overflow the stack; `and`/`or` chains and `not` runs are parsed iteratively.
struct WhereParser {
    typealias ParseError = WhereExpression.ParseError
    typealias Node = WhereExpression.Node

    static let maxDepth = 64

    private let text: String
    private let chars: [Character]
    private var pos = 0
    private var depth = 0

    init(_ text: String) {
        self.text = text
        chars = Array(text)
    }

    mutating func parseAll() throws(ParseError) -> Node {
        skipSpaces()
        guard pos < chars.count else { throw error(.emptyExpression, "empty expression", at: pos) }
        let node = try parseOr()
        skipSpaces()
        if pos < chars.count {
            if chars[pos] == ")" { throw error(.unexpectedToken, "unbalanced ')'", at: pos) }
            throw error(.unexpectedToken, "expected 'and', 'or' or the end, found \(found())", at: pos)
        }
        return node
    }

    // MARK: - Grammar

    private mutating func parseOr() throws(ParseError) -> Node {
        var items = [try parseAnd()]
        while true {
            skipSpaces()
            guard matchKeyword("or") || matchSymbol("||") else { break }
            items.append(try parseAnd())
        }
        return items.count == 1 ? items[0] : .any(items)
    }

    private mutating func parseAnd() throws(ParseError) -> Node {
        var items = [try parseNot()]
        while true {
            skipSpaces()
            guard matchKeyword("and") || matchSymbol("&&") else { break }
            items.append(try parseNot())
        }
        return items.count == 1 ? items[0] : .all(items)
    }

    private mutating func parseNot() throws(ParseError) -> Node {
        var negations = 0
        while true {
            skipSpaces()
            if matchKeyword("not") {
                negations += 1
            } else if pos < chars.count, chars[pos] == "!", peek(1) != "=", peek(1) != "~" {
                pos += 1
                negations += 1
            } else {
                break
            }
        }
        let node = try parsePrimary()
        return negations % 2 == 1 ? .not(node) : node
    }

    private mutating func parsePrimary() throws(ParseError) -> Node {
        skipSpaces()
        guard pos < chars.count else {
            throw error(.expectedField, "expected a field name or '(' \(afterPrevious())", at: pos)
        }
        if chars[pos] == "(" {
            let open = pos
            depth += 1
            guard depth <= WhereParser.maxDepth else {
                throw error(.tooDeeplyNested, "parentheses nested deeper than \(WhereParser.maxDepth) levels", at: pos)
            }
            pos += 1
            let node = try parseOr()
            skipSpaces()
            guard pos < chars.count, chars[pos] == ")" else {
                throw error(
                    .expectedClosingParenthesis,
                    "expected ')' to close the '(' at column \(open + 1), found \(found())", at: pos)
            }
            pos += 1
            depth -= 1
            return node
        }
        let fieldStart = pos
        let name = try readField()
        guard !name.isEmpty else {
            throw error(.expectedField, "expected a field name, found \(found())", at: pos)
        }
        skipSpaces()
        if name.lowercased() == "exists" && pos < chars.count && chars[pos] == "(" {
            pos += 1
            skipSpaces()
            let innerStart = pos
            let inner = try readField()
            guard !inner.isEmpty else {
                throw error(.expectedField, "expected a field name inside exists(), found \(found())", at: pos)
            }
            skipSpaces()
            guard pos < chars.count, chars[pos] == ")" else {
                throw error(
                    .expectedClosingParenthesis, "expected ')' after exists(\(inner), found \(found())", at: pos)
            }
            pos += 1
            return .exists(try fieldRef(inner, at: innerStart))
        }
        let field = try fieldRef(name, at: fieldStart)
        // A field alone tests that it exists.
        if pos >= chars.count || chars[pos] == ")" || atKeyword("and") || atKeyword("or")
            || atSymbol("&&") || atSymbol("||")
        {
            return .exists(field)
        }
        guard let op = readOperator() else {
            throw error(
                .expectedOperator,
                "expected an operator (=, !=, <, <=, >, >=, ~, !~) after '\(name)', found \(found())", at: pos)
        }
        let value = try parseValue(after: op)
        return .compare(WhereExpression.Comparison(field: field, op: op, value: value))
    }

    private mutating func parseValue(after op: WhereExpression.Operator) throws(ParseError) -> WhereExpression.Literal {
        skipSpaces()
        let start = pos
        guard pos < chars.count, chars[pos] != ")" else {
            throw error(.expectedValue, "expected a value after '\(op.rawValue)'", at: pos)
        }
        let isMatch = op == .match || op == .notMatch
        let c = chars[pos]
        if isMatch && c == "/" {
            return try parseRegex()
        }
        if c == "'" || c == "\"" {
            let s = try parseQuoted()
            return isMatch ? .glob(GlobPattern(s)) : .string(WhereExpression.StringLiteral(s))
        }
        let word = readWhile(WhereParser.isValueCharacter)
        guard !word.isEmpty else {
            throw error(.expectedValue, "expected a value after '\(op.rawValue)', found \(found())", at: pos)
        }
        if isMatch { return .glob(GlobPattern(word)) }
        switch word.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null":
            guard op == .eq || op == .ne else {
                throw error(.unexpectedToken, "null can only be compared with = or !=", at: start)
            }
            return .null
        default: break
        }
        if let f = word.first, f.isNumber || ((f == "-" || f == "+" || f == ".") && word.count > 1) {
            var body = Substring(word)
            var sign = 1.0
            if body.first == "-" {
                sign = -1
                body = body.dropFirst()
            } else if body.first == "+" {
                body = body.dropFirst()
            }
            if let (v, unit) = DurationSpec.split(body), let factor = DurationSpec.millisecondsPerUnit(unit) {
                return .number(sign * v * factor)
            }
            if op != .eq && op != .ne {
                throw error(
                    .invalidNumber,
                    "invalid number or duration '\(word)' (units: us, ms, s, m, h, d)", at: start)
            }
        }
        return .string(WhereExpression.StringLiteral(word))
    }

    private mutating func parseQuoted() throws(ParseError) -> String {
        let open = pos
        let quote = chars[pos]
        pos += 1
        var out = ""
        while pos < chars.count {
            let c = chars[pos]
            if c == quote {
                pos += 1
                return out
            }
            if c == "\\" && pos + 1 < chars.count {
                let e = chars[pos + 1]
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(e)
                }
                pos += 2
                continue
            }
            out.append(c)
            pos += 1
        }
        throw error(.unterminatedString, "unterminated string starting", at: open)
    }

    private mutating func parseRegex() throws(ParseError) -> WhereExpression.Literal {
        let open = pos
        pos += 1
        var pattern = ""
        while pos < chars.count && chars[pos] != "/" {
            if chars[pos] == "\\" && pos + 1 < chars.count {
                if chars[pos + 1] != "/" { pattern.append("\\") }
                pattern.append(chars[pos + 1])
                pos += 2
                continue
            }
            pattern.append(chars[pos])
            pos += 1
        }
        guard pos < chars.count else {
            throw error(.unterminatedString, "unterminated regular expression starting", at: open)
        }
        pos += 1
        var caseInsensitive = false
        if pos < chars.count && chars[pos] == "i"
            && (pos + 1 == chars.count || !WhereParser.isFieldCharacter(chars[pos + 1]))
        {
            caseInsensitive = true
            pos += 1
        }
        do {
            return .regex(try RegexMatcher(pattern, caseInsensitive: caseInsensitive))
        } catch {
            throw self.error(.invalidRegex, "invalid regular expression /\(pattern)/: \(error.message)", at: open)
        }
    }

    // MARK: - Lexing helpers

    /// Reads a field path: field characters and double-quoted components (`meta."http.route"`),
    /// returned as written.
    private mutating func readField() throws(ParseError) -> String {
        var s = ""
        while pos < chars.count {
            let c = chars[pos]
            if WhereParser.isFieldCharacter(c) {
                s.append(c)
                pos += 1
            } else if c == "\"" && (s.isEmpty || s.last == ".") {
                let open = pos
                s.append(c)
                pos += 1
                while pos < chars.count && chars[pos] != "\"" {
                    if chars[pos] == "\\" && pos + 1 < chars.count {
                        s.append(chars[pos])
                        pos += 1
                    }
                    s.append(chars[pos])
                    pos += 1
                }
                guard pos < chars.count else {
                    throw error(.unterminatedString, "unterminated quoted field name starting", at: open)
                }
                s.append(chars[pos])
                pos += 1
            } else {
                break
            }
        }
        return s
    }

    /// The field named `name` (as written), or an error when a component is empty.
    private func fieldRef(_ name: String, at start: Int) throws(ParseError) -> WhereExpression.FieldRef {
        guard let path = FieldPath(validating: name) else {
            throw error(.expectedField, "invalid field name '\(name)'", at: start)
        }
        return WhereExpression.FieldRef(path)
    }

    static func isFieldCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" || c == "@" || c == "$"
    }

    static func isValueCharacter(_ c: Character) -> Bool {
        !c.isWhitespace && c != "(" && c != ")" && c != "'" && c != "\""
    }

    private func peek(_ k: Int) -> Character? {
        pos + k < chars.count ? chars[pos + k] : nil
    }

    private mutating func skipSpaces() {
        while pos < chars.count && chars[pos].isWhitespace { pos += 1 }
    }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        var s = ""
        while pos < chars.count && predicate(chars[pos]) {
            s.append(chars[pos])
            pos += 1
        }
        return s
    }

    private func atKeyword(_ word: String) -> Bool {
        let n = word.count
        guard pos + n <= chars.count else { return false }
        guard String(chars[pos..<(pos + n)]).lowercased() == word else { return false }
        return pos + n == chars.count || !WhereParser.isFieldCharacter(chars[pos + n])
    }

    private mutating func matchKeyword(_ word: String) -> Bool {
        guard atKeyword(word) else { return false }
        pos += word.count
        return true
    }

    private func atSymbol(_ s: String) -> Bool {
        let n = s.count
        return pos + n <= chars.count && String(chars[pos..<(pos + n)]) == s
    }

    private mutating func matchSymbol(_ s: String) -> Bool {
        guard atSymbol(s) else { return false }
        pos += s.count
        return true
    }

    private mutating func readOperator() -> WhereExpression.Operator? {
        let table: [(String, WhereExpression.Operator)] = [
            ("==", .eq), ("!=", .ne), ("<>", .ne), ("<=", .le), (">=", .ge), ("=~", .match), ("!~", .notMatch),
            ("=", .eq), ("<", .lt), (">", .gt), ("~", .match),
        ]
        for (symbol, op) in table where matchSymbol(symbol) { return op }
        return nil
    }

    private func found() -> String {
        guard pos < chars.count else { return "the end" }
        let rest = String(chars[pos..<min(chars.count, pos + 12)])
        return "'\(rest)'"
    }

    private func afterPrevious() -> String {
        var k = pos - 1
        while k >= 0 && chars[k].isWhitespace { k -= 1 }
        guard k >= 0 else { return "" }
        var s = k
        while s > 0 && !chars[s - 1].isWhitespace && chars[s - 1] != "(" { s -= 1 }
        return "after '\(String(chars[s...k]))'"
    }

    private func error(_ code: ParseError.Code, _ message: String, at position: Int) -> ParseError {
        ParseError(code, message, column: position + 1, expression: text)
    }
}
