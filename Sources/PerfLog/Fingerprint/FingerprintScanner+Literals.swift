/// Where literals, quoted identifiers and comments end, and what to write when that depends on
/// the dialect. The rule throughout: when the lexer cannot be sure where a literal ends, it
/// writes one `?` for everything up to the end of the query (``failClosed()``).
extension FingerprintScanner {
    /// The end of a quoted run: just past its closing quote, or none before the input ends, or
    /// unknown (the dialects end it at different places).
    enum LiteralEnd: Equatable {
        case at(Int)
        case unterminated
        case ambiguous
    }

    /// Scans the run opened by the quote `q` at `s`: doubled quotes stay inside, and so does the
    /// character after a backslash when `backslash` is set.
    /// - Returns: the index just past the closing quote (`nil` if there is none) and whether a
    ///   backslash was seen before it.
    func quotedEnd(_ s: Int, _ q: UInt8, backslash: Bool) -> (end: Int?, sawBackslash: Bool) {
        var k = s + 1
        var saw = false
        while k < n {
            let c = p[k]
            if c == 0x5C {
                saw = true
                if backslash {
                    k += 2
                    continue
                }
            }
            if c == q {
                if at(k + 1) == q {
                    k += 2
                    continue
                }
                return (k + 1, saw)
            }
            k += 1
        }
        return (nil, saw)
    }

    /// The end of the literal opened by `q` at `s` when backslashes are read as `escapes`.
    func literalEnd(_ s: Int, _ q: UInt8, _ escapes: SQLDialect.Escapes) -> LiteralEnd {
        let plain = quotedEnd(s, q, backslash: escapes == .backslash)
        var end = plain.end
        if escapes == .either && plain.sawBackslash {
            // Only a backslash can make the two readings differ.
            let escaped = quotedEnd(s, q, backslash: true).end
            if escaped != end { return .ambiguous }
            end = escaped
        }
        return end.map { .at($0) } ?? .unterminated
    }

    /// Replaces the literal opened by `q` at `i` with `?`.
    mutating func quotedLiteral(_ q: UInt8, _ escapes: SQLDialect.Escapes) {
        switch literalEnd(i, q, escapes) {
        case .at(let e):
            i = e
            emitPlaceholder(isLiteral: true)
        case .unterminated, .ambiguous:
            failClosed()
        }
    }

    /// Writes one `?` for everything from `i` to the end of the query.
    mutating func failClosed() {
        i = n
        emitPlaceholder(isLiteral: true)
    }

    /// Scans the block comment opened at `s`.
    /// - Returns: the index just past its end (`nil` if it has none), and whether a `/*` was seen
    ///   inside it before that end (`nested`: PostgreSQL counts them).
    func commentEnd(_ s: Int, nested: Bool) -> (end: Int?, sawInnerOpen: Bool) {
        var k = s + 2
        var depth = 1
        var saw = false
        while k < n {
            if p[k] == 0x2A && at(k + 1) == 0x2F {
                k += 2
                depth -= 1
                if depth == 0 { return (k, saw) }
                continue
            }
            if p[k] == 0x2F && at(k + 1) == 0x2A {
                saw = true
                if nested {
                    depth += 1
                    k += 2
                    continue
                }
            }
            k += 1
        }
        return (nil, saw)
    }

    /// Skips the block comment at `i`. PostgreSQL nests them; the others end at the first `*/`;
    /// `generic` fails closed when a `/*` inside makes the two readings differ. An unterminated
    /// comment hides the rest of the query.
    mutating func blockComment() {
        let flat = commentEnd(i, nested: dialect == .postgresql)
        if dialect == .generic && flat.sawInnerOpen && commentEnd(i, nested: true).end != flat.end {
            failClosed()
            return
        }
        i = flat.end ?? n
    }

    /// The index of the newline that ends the line holding `k`, or `n`.
    func lineEnd(_ k: Int) -> Int {
        var e = k
        while e < n && p[e] != 0x0A { e += 1 }
        return e
    }

    /// `generic` at a `#` or at `--` before a non-space: a comment to the end of the line in some
    /// dialects, code in others. Writes one `?` for the line when every reading of it ends within
    /// the line, else fails closed.
    mutating func ambiguousLine() {
        let e = lineEnd(i)
        guard isSelfContained(i + 1, e) else {
            failClosed()
            return
        }
        i = e
        emitPlaceholder(isLiteral: true)
    }

    /// Whether no literal, quoted identifier or comment that starts in `s..<e` reaches past `e`
    /// in any dialect. Conservative: every construct the dialects could read differently
    /// (`$tag$`, `q'…'`, a quote inside `[…]`, nested comments) counts as reaching past.
    func isSelfContained(_ s: Int, _ e: Int) -> Bool {
        var k = s
        while k < e {
            let c = p[k]
            switch c {
            case 0x27, 0x22:
                guard case .at(let end) = literalEnd(k, c, .either), end <= e else { return false }
                k = end
            case 0x60:
                guard let end = quotedEnd(k, 0x60, backslash: false).end, end <= e else { return false }
                k = end
            case 0x2F where at(k + 1) == 0x2A:
                let r = commentEnd(k, nested: false)
                guard let end = r.end, !r.sawInnerOpen, end <= e else { return false }
                k = end
            case 0x23:
                // A comment to the end of the line in some dialects: the line must end here. It
                // is read on as code too, which checks more, never less.
                if lineEnd(k) > e { return false }
                k += 1
            case 0x2D where at(k + 1) == 0x2D:
                if lineEnd(k) > e { return false }
                k += 1
            case 0x24:
                if dollarTagLength(k) != nil { return false }
                k += 1
            case 0x5B:
                // SQLite's [identifier] may hide a quote the other dialects read as a literal.
                var m = k + 1
                while m < e && p[m] != 0x5D {
                    if p[m] == 0x27 || p[m] == 0x22 || p[m] == 0x60 { return false }
                    m += 1
                }
                if m >= e { return false }
                k = m + 1
            case let c where FingerprintScanner.isWordStart(c):
                let w = k
                while k < e && FingerprintScanner.isWordChar(p[k]) { k += 1 }
                if at(k) == 0x27 && k - w <= 2 && p[k - 1] | 0x20 == 0x71 { return false }  // q'…', nq'…'
            default:
                k += 1
            }
        }
        return true
    }

    /// The length of the `$tag$` (`$$` included) opening a dollar-quoted string at `k`, if any.
    func dollarTagLength(_ k: Int) -> Int? {
        var m = k + 1
        while m < n && FingerprintScanner.isWordChar(p[m]) && p[m] != 0x24 { m += 1 }
        guard at(m) == 0x24, !FingerprintScanner.isDigit(at(k + 1)) else { return nil }
        return m + 1 - k
    }

    /// `$`: a placeholder `$1`; a dollar-quoted string `$tag$…$tag$` (PostgreSQL; `generic` when
    /// its body is self-contained in every dialect, else it fails closed); a word with `$` in
    /// MySQL; a parameter `$name` in SQLite.
    mutating func dollar() {
        if FingerprintScanner.isDigit(at(i + 1)) {
            i += 1
            while i < n && FingerprintScanner.isDigit(p[i]) { i += 1 }
            emitPlaceholder(isLiteral: false)
            return
        }
        switch dialect {
        case .mysql where FingerprintScanner.isWordChar(at(i + 1)):
            let s = i
            i += 1
            while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
            emitWord(s, i)
            return
        case .sqlite where FingerprintScanner.isWordChar(at(i + 1)):
            i += 1
            while i < n && FingerprintScanner.isWordChar(p[i]) { i += 1 }
            emitPlaceholder(isLiteral: false)
            return
        case .mysql, .sqlite:
            emitOperator()
            return
        case .generic, .postgresql:
            break
        }
        guard let tagLength = dollarTagLength(i) else {
            emitOperator()
            return
        }
        let tagStart = i
        var k = i + tagLength
        while k + tagLength <= n {
            if p[k] == 0x24 && memEqual(tagStart, k, tagLength) {
                if dialect == .generic && !isSelfContained(tagStart + tagLength, k) { break }
                i = k + tagLength
                emitPlaceholder(isLiteral: true)
                return
            }
            k += 1
        }
        failClosed()
    }

    func memEqual(_ a: Int, _ b: Int, _ len: Int) -> Bool {
        for k in 0..<len where p[a + k] != p[b + k] { return false }
        return true
    }

    /// Oracle's alternative quoting `q'<d>…<d>'` at `i` (on the `'`; brackets pair: `q'[…]'`).
    /// One `?` when it ends where the dialect's plain string would end too, else fails closed.
    mutating func oracleQuoted() {
        guard i + 1 < n else {
            failClosed()
            return
        }
        let open = p[i + 1]
        let close: UInt8
        switch open {
        case 0x5B: close = 0x5D
        case 0x7B: close = 0x7D
        case 0x28: close = 0x29
        case 0x3C: close = 0x3E
        default: close = open
        }
        var k = i + 2
        while k + 1 < n && !(p[k] == close && p[k + 1] == 0x27) { k += 1 }
        guard k + 1 < n, literalEnd(i, 0x27, dialect.stringEscapes) == .at(k + 2) else {
            failClosed()
            return
        }
        i = k + 2
        emitPlaceholder(isLiteral: true)
    }

    /// `[`: an identifier up to `]` in SQLite (kept as written); in `generic`, a subscript whose
    /// content is self-contained in every dialect, else it fails closed.
    mutating func bracket() {
        var k = i + 1
        while k < n && p[k] != 0x5D { k += 1 }
        if dialect == .sqlite {
            guard k < n else {
                failClosed()
                return
            }
            let s = i
            i = k + 1
            emitRaw(.word, s, i)
            return
        }
        if k < n && !isSelfContained(i + 1, k) {
            failClosed()
            return
        }
        openParen(0x5B)
    }
}
