/// The single pass behind ``QueryFingerprint``: scans tokens and writes the normalised text.
struct FingerprintScanner {
    enum Kind: Equatable {
        case none, word, keyword, value, open, close, comma, dot, cast, op, semicolon
    }

    struct Frame {
        var rewindTo: Int
        var collapsible: Bool
        var onlyPlaceholders = true
        var sawPlaceholder = false
        var isValues: Bool
        var isContinuation = false
    }

    let p: UnsafePointer<UInt8>
    let n: Int
    let dialect: SQLDialect
    var out: [UInt8]
    let base: Int
    var i = 0
    var prev: Kind = .none
    var prevKeywordIsList = false  // the previous token was IN or VALUES
    var prevKeywordIsValues = false
    var frames: [Frame] = []
    var valuesTupleEnd = -1  // out.count right after a collapsed VALUES tuple
    var valuesCommaAt = -1  // where the comma after such a tuple was written

    init(input: UnsafeRawBufferPointer, dialect: SQLDialect, out: [UInt8], base: Int) {
        if let b = input.baseAddress, input.count > 0 {
            p = b.assumingMemoryBound(to: UInt8.self)
            n = input.count
        } else {
            p = UnsafePointer(bitPattern: 1)!
            n = 0
        }
        self.dialect = dialect
        self.out = out
        self.base = base
    }

    @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }

    @inline(__always) static func isWordStart(_ c: UInt8) -> Bool {
        (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c >= 0x80
    }

    /// Letters, digits, `_`, `$` and every byte ≥ 0x80, as two 64-bit maps for bytes below 0x80.
    @inline(__always) static func isWordChar(_ c: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x24 | 0x3FF << 0x30  // $ 0-9
        let high: UInt64 = 0x3FF_FFFF << 1 | 1 << 31 | 0x3FF_FFFF << 33  // A-Z _ a-z
        if c >= 0x80 { return true }
        return ((c < 0x40 ? low : high) >> UInt64(c & 63)) & 1 != 0
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    var unaryAllowed: Bool {
        switch prev {
        case .none, .open, .comma, .op, .keyword, .semicolon: true
        default: false
        }
    }

    /// The most bytes the output may take (after `base`) before it is cut; `.max` for no limit.
    var budget = Int.max

    mutating func run() {
        while i < n {
            let mark = out.count
            let prevBefore = prev
            step()
            if out.count - base > budget {
                cut(at: mark, prevBefore)
                return
            }
        }
    }

    /// Ends the output with the truncation marker `…` (U+2026, a word character, so that
    /// fingerprinting the result again gives the same text).
    mutating func cut(at mark: Int, _ prevBefore: Kind) {
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
        if mark > base {
            out.removeSubrange(mark...)
            prev = prevBefore
            beginToken(.word)
        } else {
            // A single token longer than the budget: cut it at a character boundary.
            var end = base + budget + 1
            // `end` may be out.count exactly: then nothing follows to cut (found by fuzzing).
            while end > base, end < out.count, out[end] & 0xC0 == 0x80 { end -= 1 }
            out.removeSubrange(end...)
        }
        out.append(contentsOf: ellipsis)
        i = n
    }

    mutating func step() {
        do {
            let c = p[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                i += 1
            case 0x2D where at(i + 1) == 0x2D:  // -- comment (MySQL: only before a space or control)
                if (dialect != .mysql && dialect != .generic) || at(i + 2) <= 0x20 {
                    skipLine()
                } else if dialect == .mysql {
                    emitOperator()
                } else {
                    ambiguousLine()
                }
            case 0x23:  // # comment in MySQL, an operator (#, #>, #>>, #-) elsewhere
                switch dialect {
                case .mysql: skipLine()
                case .postgresql, .sqlite: emitOperator()
                case .generic: ambiguousLine()
                }
            case 0x2F where at(i + 1) == 0x2A:  // /* comment */
                blockComment()
            case 0x27:  // 'string'
                quotedLiteral(0x27, dialect.stringEscapes)
            case 0x22:  // "…": a string (MySQL), an identifier (PostgreSQL), either (SQLite)
                if dialect == .postgresql {
                    let s = i
                    // An unterminated identifier swallows the rest of the query: replace it, so
                    // that the literals it swallowed cannot leak (found by fuzzing).
                    if let e = quotedEnd(i, 0x22, backslash: false).end {
                        i = e
                        emitRaw(.word, s, i)
                    } else {
                        failClosed()
                    }
                } else {
                    quotedLiteral(0x22, dialect.stringEscapes)
                }
            case 0x60:  // `identifier`
                let s = i
                if let e = quotedEnd(i, 0x60, backslash: false).end {
                    i = e
                    emitRaw(.word, s, i)
                } else {
                    failClosed()
                }
            case 0x30...0x39:
                skipNumber()
                emitPlaceholder(isLiteral: true)
            case 0x2E where FingerprintScanner.isDigit(at(i + 1)) && prev != .word && prev != .value && prev != .close:
                skipNumber()
                emitPlaceholder(isLiteral: true)
            case let c
            where (c == 0x2D || c == 0x2B) && signStartsNumber
                && (FingerprintScanner.isDigit(at(i + 1))
                    || (at(i + 1) == 0x2E && FingerprintScanner.isDigit(at(i + 2)))):
                i += 1
                skipNumber()
                emitPlaceholder(isLiteral: true)
            case 0x3F:  // ?
                i += 1
                emitPlaceholder(isLiteral: false)
            case 0x24:  // $1, $$…$$, $tag$…$tag$, $name
                dollar()
            case 0x3A where FingerprintScanner.isWordStart(at(i + 1)) && at(i + 1) < 0x80 && prev != .cast:  // :name
                i += 1
                while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
                emitPlaceholder(isLiteral: false)
            case 0x40 where FingerprintScanner.isWordStart(at(i + 1)) && at(i + 1) < 0x80:  // @name
                i += 1
                while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
                emitPlaceholder(isLiteral: false)
            // @@system_variable (not @@8: found by fuzzing)
            case 0x40 where at(i + 1) == 0x40 && FingerprintScanner.isWordStart(at(i + 2)):
                let s = i
                i += 2
                while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
                emitWord(s, i)
            case 0x25 where at(i + 1) == 0x73 && !FingerprintScanner.isWordChar(at(i + 2)):  // %s
                i += 2
                emitPlaceholder(isLiteral: false)
            case 0x25 where at(i + 1) == 0x28:  // %(name)s
                var k = i + 2
                while k < n && FingerprintScanner.isWordChar(p[k]) { k += 1 }
                if at(k) == 0x29 && at(k + 1) == 0x73 {
                    i = k + 2
                    emitPlaceholder(isLiteral: false)
                } else {
                    emitOperator()
                }
            case 0x5B where dialect == .sqlite || dialect == .generic:
                bracket()
            case 0x28, 0x5B:
                openParen(c)
            case 0x29, 0x5D:
                closeParen(c)
            case 0x2C:
                i += 1
                if out.count == valuesTupleEnd { valuesCommaAt = out.count } else { valuesCommaAt = -1 }
                emit(.comma, byte: 0x2C)
            case 0x3B:
                i += 1
                frames.removeAll()
                emit(.semicolon, byte: 0x3B)
            case 0x2E:
                i += 1
                emit(.dot, byte: 0x2E)
            case let c where FingerprintScanner.isWordStart(c):
                word()
            case let c where c < 0x20 || c == 0x7F:
                i += 1  // other control characters separate tokens
            default:
                emitOperator()
            }
        }
    }

    /// Whether a `+` or `-` here is a number's sign: after an operator, a keyword, `(`, `,` or
    /// nothing; and after a word when it follows a space and touches the digit (`RETURN -1`,
    /// `SHOW x -1`, while `a - 1` and `a-1` stay subtractions).
    var signStartsNumber: Bool {
        unaryAllowed || (prev == .word && i > 0 && (p[i - 1] == 0x20 || p[i - 1] == 0x09 || p[i - 1] == 0x0A))
    }

    mutating func skipLine() {
        while i < n && p[i] != 0x0A { i += 1 }
    }

    /// Skips a number: digits, `.`, letters (exponents, hex, suffixes) and an exponent's sign.
    mutating func skipNumber() {
        let hex = p[i] == 0x30 && (at(i + 1) | 0x20) == 0x78
        while i < n {
            let c = p[i]
            if FingerprintScanner.isDigit(c) || c == 0x2E || c == 0x5F || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) {
                i += 1
            } else if (c == 0x2B || c == 0x2D) && !hex && i > 0 && (p[i - 1] | 0x20) == 0x65
                && FingerprintScanner.isDigit(at(i + 1))
            {
                i += 1
            } else {
                break
            }
        }
    }

    mutating func word() {
        let s = i
        while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
        let len = i - s
        if at(i) == 0x27 && len <= 2 {
            let c = p[s] | 0x20
            // Oracle's q'[…]' and nq'[…]', in every dialect.
            if (len == 1 && c == 0x71) || (len == 2 && c == 0x6E && p[s + 1] | 0x20 == 0x71) {
                oracleQuoted()
                return
            }
            // E'…' (backslash escapes in PostgreSQL), N'…', X'…', B'…'.
            if len == 1 && (c == 0x65 || c == 0x6E || c == 0x78 || c == 0x62) {
                quotedLiteral(0x27, c == 0x65 ? dialect.escapeStringEscapes : dialect.stringEscapes)
                return
            }
        }
        switch SQLKeywords.classify(p + s, len) {
        case .none:
            emitWord(s, i)
        case .literal:
            emitPlaceholder(isLiteral: true)
        case .keyword(let list, let values):
            markNonPlaceholder()
            beginToken(.keyword)
            for k in s..<i {
                let c = p[k]
                out.append(c >= 0x61 && c <= 0x7A ? c - 0x20 : c)
            }
            prev = .keyword
            prevKeywordIsList = list
            prevKeywordIsValues = values
        }
    }

    mutating func emitOperator() {
        let s = i
        i += SQLOperators.length(p + i, n - i)
        let kind: Kind = (i - s == 2 && p[s] == 0x3A && p[s + 1] == 0x3A) ? .cast : .op
        emitRaw(kind, s, i)
    }

    mutating func openParen(_ c: UInt8) {
        let list = prevKeywordIsList && prev == .keyword && c == 0x28
        let values = list && prevKeywordIsValues
        let continuation = c == 0x28 && prev == .comma && valuesCommaAt >= 0
        let commaAt = valuesCommaAt
        i += 1
        emit(.open, byte: c)
        if c == 0x28 {
            if continuation {
                frames.append(Frame(rewindTo: commaAt, collapsible: true, isValues: true, isContinuation: true))
            } else {
                frames.append(Frame(rewindTo: out.count - 1, collapsible: list, isValues: values))
            }
        }
    }

    mutating func closeParen(_ c: UInt8) {
        i += 1
        guard c == 0x29, let f = frames.popLast() else {
            emit(.close, byte: c)
            return
        }
        if f.collapsible && f.onlyPlaceholders && f.sawPlaceholder {
            out.removeSubrange(f.rewindTo...)
            // A further VALUES tuple folds into the previous "(?)"; anything else becomes "(?)".
            if !f.isContinuation { out.append(contentsOf: [0x28, 0x3F, 0x29]) }
            prev = .close
            prevKeywordIsList = false
            valuesTupleEnd = f.isValues ? out.count : -1
            valuesCommaAt = -1
            // A collapsed list is itself only placeholders.
            if !frames.isEmpty { frames[frames.count - 1].sawPlaceholder = true }
            return
        }
        emit(.close, byte: c)
        if !frames.isEmpty {
            if !f.onlyPlaceholders { frames[frames.count - 1].onlyPlaceholders = false }
            if f.sawPlaceholder { frames[frames.count - 1].sawPlaceholder = true }
        }
    }

    @inline(__always) mutating func markNonPlaceholder() {
        if !frames.isEmpty { frames[frames.count - 1].onlyPlaceholders = false }
    }

    mutating func emitPlaceholder(isLiteral: Bool) {
        if !frames.isEmpty { frames[frames.count - 1].sawPlaceholder = true }
        beginToken(.value)
        out.append(0x3F)
        prev = .value
        prevKeywordIsList = false
    }

    mutating func emitRaw(_ kind: Kind, _ s: Int, _ e: Int) {
        markNonPlaceholder()
        beginToken(kind)
        out.append(contentsOf: UnsafeBufferPointer(start: p + s, count: e - s))
        prev = kind
        prevKeywordIsList = false
    }

    /// Writes an unquoted word with ASCII letters lower-cased: unquoted identifiers are
    /// case-insensitive, so `SHOW STATUS` and `show status` group together.
    mutating func emitWord(_ s: Int, _ e: Int) {
        markNonPlaceholder()
        beginToken(.word)
        var k = s
        while k < e && p[k] &- 0x41 >= 26 { k += 1 }
        // Most words are lower-case already: copy them whole.
        out.append(contentsOf: UnsafeBufferPointer(start: p + s, count: k - s))
        while k < e {
            let c = p[k]
            out.append(c &- 0x41 < 26 ? c | 0x20 : c)
            k += 1
        }
        prev = .word
        prevKeywordIsList = false
    }

    mutating func emit(_ kind: Kind, byte: UInt8) {
        if kind != .comma && kind != .open && kind != .close { markNonPlaceholder() }
        beginToken(kind)
        out.append(byte)
        prev = kind
        prevKeywordIsList = false
    }

    /// Writes the separator, if any, between the previous token and one of `kind`.
    mutating func beginToken(_ kind: Kind) {
        if kind != .comma { valuesCommaAt = kind == .open ? valuesCommaAt : -1 }
        if out.count != valuesTupleEnd && kind != .comma { valuesTupleEnd = -1 }
        if needsSpace(prev, kind) { out.append(0x20) }
    }

    func needsSpace(_ a: Kind, _ b: Kind) -> Bool {
        switch a {
        case .none, .open, .dot, .cast: return false
        case .comma, .semicolon: return true
        default: break
        }
        switch b {
        case .comma, .close, .semicolon, .dot, .cast: return false
        case .open: return a != .word
        default: return true
        }
    }
}
