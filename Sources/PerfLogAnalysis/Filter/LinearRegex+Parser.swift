extension LinearRegex {
    /// A parsed pattern.
    indirect enum Node {
        case empty
        case scalar(UInt32)
        case anyButNewline
        case inClass(Int)
        case start, end
        case wordBoundary(Bool)
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    /// Reads a pattern into a ``Node`` tree (the syntax in ``LinearRegex``'s discussion); classes go
    /// into ``classes`` and nodes refer to them by index.
    struct Parser {
        let chars: [Unicode.Scalar]
        let caseInsensitive: Bool
        var pos = 0
        var depth = 0
        var classes: [CharacterClass] = []

        init(_ chars: [Unicode.Scalar], caseInsensitive: Bool) {
            self.chars = chars
            self.caseInsensitive = caseInsensitive
        }

        static let digit: [ClosedRange<UInt32>] = [0x30...0x39]
        static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        static let space: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]

        mutating func parse() throws(SyntaxError) -> Node {
            let node = try parseAlternation()
            if pos < chars.count {
                throw SyntaxError(message: "unmatched ')' at character \(pos + 1)")
            }
            return node
        }

        private func fail(_ message: String) -> SyntaxError { SyntaxError(message: message) }

        private var peek: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }

        private mutating func parseAlternation() throws(SyntaxError) -> Node {
            var branches = [try parseConcat()]
            while peek == "|" {
                pos += 1
                branches.append(try parseConcat())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func parseConcat() throws(SyntaxError) -> Node {
            var items: [Node] = []
            while let c = peek, c != "|", c != ")" {
                items.append(try parseRepetition())
            }
            return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
        }

        private mutating func parseRepetition() throws(SyntaxError) -> Node {
            let atomStart = pos
            var node = try parseAtom()
            guard let (min, max) = try parseQuantifier() else { return node }
            switch node {
            case .start, .end, .wordBoundary:
                throw fail("nothing to repeat at character \(atomStart + 1)")
            default: break
            }
            node = .repetition(node, min: min, max: max)
            if peek == "?" {
                pos += 1  // lazy: the same set of matches
            } else if peek == "+" {
                throw fail("possessive quantifiers (\(String(chars[pos - 1]))+) are not supported")
            }
            if let c = peek, c == "*" || c == "+" || c == "?" || (c == "{" && quantifierAhead()) {
                throw fail("nothing to repeat at character \(pos + 1)")
            }
            return node
        }

        /// Reads `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`; `nil` when none follows.
        private mutating func parseQuantifier() throws(SyntaxError) -> (Int, Int?)? {
            guard let c = peek else { return nil }
            switch c {
            case "*":
                pos += 1
                return (0, nil)
            case "+":
                pos += 1
                return (1, nil)
            case "?":
                pos += 1
                return (0, 1)
            case "{":
                guard quantifierAhead() else { return nil }
                pos += 1
                let lo = readNumber()!
                var hi: Int? = lo
                if peek == "," {
                    pos += 1
                    hi = readNumber()
                }
                pos += 1  // "}"
                guard lo <= LinearRegex.maxRepeat, (hi ?? 0) <= LinearRegex.maxRepeat else {
                    throw fail("a repetition count is at most \(LinearRegex.maxRepeat)")
                }
                if let hi, hi < lo { throw fail("the repetition {\(lo),\(hi)} has its bounds reversed") }
                return (lo, hi)
            default: return nil
            }
        }

        /// Whether `{` at `pos` starts `{n}`, `{n,}` or `{n,m}` (otherwise it is a literal `{`).
        private func quantifierAhead() -> Bool {
            var p = pos + 1
            var digits = 0
            while p < chars.count, chars[p].properties.numericType == .decimal, chars[p].isASCII {
                p += 1
                digits += 1
            }
            guard digits > 0, p < chars.count else { return false }
            if chars[p] == "}" { return true }
            guard chars[p] == "," else { return false }
            p += 1
            while p < chars.count, chars[p].properties.numericType == .decimal, chars[p].isASCII { p += 1 }
            return p < chars.count && chars[p] == "}"
        }

        private mutating func readNumber() -> Int? {
            var v: Int?
            while let c = peek, c.isASCII, c >= "0" && c <= "9" {
                v = min((v ?? 0) * 10 + Int(c.value - 0x30), 1_000_000)
                pos += 1
            }
            return v
        }

        private mutating func parseAtom() throws(SyntaxError) -> Node {
            let c = chars[pos]
            pos += 1
            switch c {
            case "(":
                if peek == "?" {
                    let rest = String(String.UnicodeScalarView(chars[pos..<min(chars.count, pos + 3)]))
                    if rest.hasPrefix("?:") {
                        pos += 2
                    } else if rest.hasPrefix("?=") || rest.hasPrefix("?!") {
                        throw fail("lookahead (\(rest.prefix(2))…) is not supported")
                    } else if rest.hasPrefix("?<=") || rest.hasPrefix("?<!") {
                        throw fail("lookbehind (\(rest.prefix(3))…) is not supported")
                    } else if rest.hasPrefix("?<") || rest.hasPrefix("?P") {
                        // A named group: the name is read and dropped.
                        while let n = peek, n != ">" { pos += 1 }
                        guard peek == ">" else { throw fail("unterminated group name") }
                        pos += 1
                    } else {
                        throw fail("the group syntax (\(rest.prefix(2))…) is not supported")
                    }
                }
                depth += 1
                guard depth <= 100 else { throw fail("groups are nested more than 100 deep") }
                let inner = try parseAlternation()
                depth -= 1
                guard peek == ")" else { throw fail("missing ')'") }
                pos += 1
                return inner
            case ")": throw fail("unmatched ')' at character \(pos)")
            case "*", "+", "?": throw fail("nothing to repeat at character \(pos)")
            case "{":
                pos -= 1
                if quantifierAhead() { throw fail("nothing to repeat at character \(pos + 1)") }
                pos += 1
                return literal(c.value)
            case ".": return .anyButNewline
            case "^": return .start
            case "$": return .end
            case "[": return try parseBracket()
            case "\\": return try parseEscape()
            default: return literal(c.value)
            }
        }

        private func literal(_ v: UInt32) -> Node { .scalar(caseInsensitive ? LinearRegex.fold(v) : v) }

        private mutating func addClass(_ ranges: [ClosedRange<UInt32>], negated: Bool) -> Node {
            classes.append(CharacterClass(ranges: ranges, negated: negated))
            return .inClass(classes.count - 1)
        }

        private mutating func parseEscape() throws(SyntaxError) -> Node {
            guard let e = peek else { throw fail("the pattern ends in a lone '\\'") }
            pos += 1
            switch e {
            case "d": return addClass(Parser.digit, negated: false)
            case "D": return addClass(Parser.digit, negated: true)
            case "w": return addClass(Parser.word, negated: false)
            case "W": return addClass(Parser.word, negated: true)
            case "s": return addClass(Parser.space, negated: false)
            case "S": return addClass(Parser.space, negated: true)
            case "b": return .wordBoundary(true)
            case "B": return .wordBoundary(false)
            default: return literal(try escapedScalar(e))
            }
        }

        /// The character an escape other than a class or an assertion stands for.
        private func escapedScalar(_ e: Unicode.Scalar) throws(SyntaxError) -> UInt32 {
            switch e {
            case "t": return 0x09
            case "n": return 0x0A
            case "r": return 0x0D
            case "f": return 0x0C
            case "v": return 0x0B
            case "1"..."9": throw fail("backreferences (\\\(e)) are not supported")
            default:
                if e.isASCII && (e.properties.isAlphabetic || e.properties.numericType != nil) {
                    throw fail("the escape \\\(e) is not supported")
                }
                return e.value
            }
        }

        private mutating func parseBracket() throws(SyntaxError) -> Node {
            var negated = false
            if peek == "^" {
                negated = true
                pos += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard let c = peek else { throw fail("missing ']'") }
                if c == "]" && !first {
                    pos += 1
                    break
                }
                first = false
                pos += 1
                var low: UInt32
                if c == "\\" {
                    guard let e = peek else { throw fail("missing ']'") }
                    pos += 1
                    switch e {
                    case "d":
                        ranges += Parser.digit
                        continue
                    case "w":
                        ranges += Parser.word
                        continue
                    case "s":
                        ranges += Parser.space
                        continue
                    case "D":
                        ranges += Parser.complement(Parser.digit)
                        continue
                    case "W":
                        ranges += Parser.complement(Parser.word)
                        continue
                    case "S":
                        ranges += Parser.complement(Parser.space)
                        continue
                    case "b": low = 0x08
                    default: low = try escapedScalar(e)
                    }
                } else {
                    low = c.value
                }
                var high = low
                if peek == "-", pos + 1 < chars.count, chars[pos + 1] != "]" {
                    pos += 1
                    let h = chars[pos]
                    pos += 1
                    if h == "\\" {
                        guard let e = peek else { throw fail("missing ']'") }
                        pos += 1
                        high = try escapedScalar(e)
                    } else {
                        high = h.value
                    }
                    guard low <= high else { throw fail("the class range is reversed") }
                }
                ranges.append(low...high)
            }
            return addClass(ranges, negated: negated)
        }

        /// Every scalar value outside `ranges` (which are sorted and disjoint).
        static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            var out: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for r in ranges {
                if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
                next = r.upperBound + 1
            }
            out.append(next...0x10FFFF)
            return out
        }
    }

    /// Turns a ``Node`` tree into a Pike VM program.
    struct Compiler {
        var classes: [CharacterClass]
        var program: [Instruction] = []

        init(classes: [CharacterClass]) { self.classes = classes }

        mutating func append(_ i: Instruction) throws(SyntaxError) {
            guard program.count < LinearRegex.maxProgramSize else {
                throw SyntaxError(
                    message:
                        "the pattern is too large (over \(LinearRegex.maxProgramSize) instructions once repetitions are expanded)"
                )
            }
            program.append(i)
        }

        mutating func emit(_ node: Node) throws(SyntaxError) {
            switch node {
            case .empty: break
            case .scalar(let v): try append(.scalar(v))
            case .anyButNewline: try append(.anyButNewline)
            case .inClass(let k): try append(.inClass(k))
            case .start: try append(.assertStart)
            case .end: try append(.assertEnd)
            case .wordBoundary(let b): try append(.wordBoundary(b))
            case .concat(let items): for n in items { try emit(n) }
            case .alternation(let branches):
                var exits: [Int] = []
                for (i, b) in branches.enumerated() {
                    if i == branches.count - 1 {
                        try emit(b)
                    } else {
                        let split = program.count
                        try append(.split(split + 1, -1))
                        try emit(b)
                        exits.append(program.count)
                        try append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    }
                }
                for e in exits { program[e] = .jump(program.count) }
            case .repetition(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    var exits: [Int] = []
                    for _ in min..<max {
                        exits.append(program.count)
                        try append(.split(program.count + 1, -1))
                        try emit(inner)
                    }
                    for e in exits { program[e] = .split(e + 1, program.count) }
                } else {
                    let loop = program.count
                    try append(.split(loop + 1, -1))
                    try emit(inner)
                    try append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
    }
}
