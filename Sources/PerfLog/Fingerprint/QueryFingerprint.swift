/// Normalises SQL text so that queries differing only in their literals group together, and so
/// that no literal from the query (a name, an e-mail address, a number) ever reaches a log.
///
/// The rules, applied in one pass over the bytes:
/// - string literals (`'…'`, `E'…'`, `N'…'`, `X'…'`, `B'…'`, PostgreSQL `$tag$…$tag$`, Oracle
///   `q'[…]'`), numbers (integers, decimals, exponents, `0x…` hex, with a unary sign), `TRUE`,
///   `FALSE` and `NULL` become `?`;
/// - **fail closed**: where the lexer cannot be sure where a literal ends (an unterminated one, or
///   a construct that SQL dialects end at different places, see ``SQLDialect``), one `?` replaces
///   everything to the end of the query, so no byte of a literal is ever written;
/// - double-quoted text is a literal (MySQL's strings) except in ``SQLDialect/postgresql``, which
///   keeps its quoted identifiers; backquoted identifiers are kept;
/// - placeholders `?`, `$1`, `:name`, `@name`, `%s` and `%(name)s` all become `?`;
/// - `IN (?, ?, …)` becomes `IN (?)` and `VALUES (?, …), (?, …), …` becomes `VALUES (?)`;
/// - comments (`-- …`, `/* … */`, MySQL's `# …`) are removed, as ``dialect`` reads them;
/// - whitespace collapses: words are separated by one space, binary operators get one space on
///   each side, and there is none inside parentheses, before commas or around `.` and `::`,
///   so `id = 42` and `id=7` both give `id = ?`;
/// - keywords (`select`, `from`, …) are upper-cased and other unquoted words lower-cased (unquoted
///   identifiers are case-insensitive); identifiers with digits (`orders_2023`, `t1`) are kept; a
///   trailing `;` is dropped;
/// - the result is capped at ``maxLength`` bytes (default 1024); a longer result is cut after the
///   last whole token that fits and ends in ` …` (U+2026; a single token longer than the cap is
///   cut at a character boundary).
///
/// Fingerprinting is idempotent: a fingerprint's fingerprint is itself, so readers may
/// re-fingerprint `query` fields (and raw queries from other tools) and group them together.
///
/// ```swift
/// QueryFingerprint().fingerprint("select * from users where id=42 and email = 'a@b.c'")
/// // "SELECT * FROM users WHERE id = ? AND email = ?"
/// ```
public struct QueryFingerprint: Sendable, Hashable {
    /// The longest result in bytes (at least 16).
    public var maxLength: Int
    /// The dialect whose lexical rules apply where dialects differ (default ``SQLDialect/generic``,
    /// which fails closed on every difference).
    public var dialect: SQLDialect

    /// The default cap on a fingerprint's length, in bytes.
    public static let defaultMaxLength = 1024

    /// Creates a fingerprinter.
    ///
    /// - Parameters:
    ///   - maxLength: the longest result in bytes (default 1024, at least 16).
    ///   - dialect: the SQL dialect of the queries (default ``SQLDialect/generic``).
    public init(maxLength: Int = QueryFingerprint.defaultMaxLength, dialect: SQLDialect = .generic) {
        self.maxLength = max(16, maxLength)
        self.dialect = dialect
    }

    /// The fingerprint of `query`.
    public func fingerprint(_ query: String) -> String {
        var copy = query
        let out = copy.withUTF8 { fingerprint(bytes: UnsafeRawBufferPointer($0)) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fingerprint of a query given as bytes (UTF-8; invalid bytes are kept inside
    /// identifiers and replaced when the result is encoded).
    public func fingerprint(bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        fingerprint(bytes: bytes, into: &out)
        return out
    }

    /// Appends the fingerprint of `bytes` to `out` (reuse `out` to avoid allocations).
    public func fingerprint(bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let start = out.count
        out.reserveCapacity(start + min(bytes.count, maxLength + 16))
        scan(bytes, budget: .max, into: &out, start: start)
        if out.count - start > maxLength {
            // Cut the canonical text at a token boundary, so that the result is canonical too.
            let canonical = Array(out[start...])
            out.removeSubrange(start...)
            canonical.withUnsafeBytes { scan($0, budget: maxLength - 4, into: &out, start: start) }
        }
    }

    private func scan(_ bytes: UnsafeRawBufferPointer, budget: Int, into out: inout [UInt8], start: Int) {
        var f = FingerprintScanner(input: bytes, dialect: dialect, out: [], base: start)
        f.budget = budget
        swap(&f.out, &out)  // lend the buffer without a copy-on-write
        f.run()
        swap(&f.out, &out)
        // Drop trailing separators and semicolons.
        while out.count > start, out[out.count - 1] == 0x3B || out[out.count - 1] == 0x20 { out.removeLast() }
    }
}
