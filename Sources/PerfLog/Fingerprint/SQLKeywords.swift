/// The SQL words the fingerprinter upper-cases, and the ones that are literals.
enum SQLKeywords {
    enum Class: Equatable {
        case none
        /// `TRUE`, `FALSE`, `NULL`: replaced by `?`.
        case literal
        /// A keyword; `list` when a following `(…)` is a list to collapse (`IN`, `VALUES`).
        case keyword(list: Bool, values: Bool)
    }

    static let words = """
        SELECT FROM WHERE AND OR NOT IS LIKE ILIKE BETWEEN INSERT INTO UPDATE SET DELETE JOIN LEFT RIGHT \
        INNER OUTER FULL CROSS NATURAL ON AS ORDER GROUP BY HAVING LIMIT OFFSET FETCH FIRST NEXT ROWS ROW ONLY \
        ASC DESC DISTINCT UNION INTERSECT EXCEPT ALL ANY SOME EXISTS CASE WHEN THEN ELSE END RETURNING WITH \
        RECURSIVE OVER PARTITION WINDOW LATERAL USING CREATE TABLE INDEX VIEW DROP ALTER ADD COLUMN DEFAULT \
        PRIMARY KEY FOREIGN REFERENCES UNIQUE CHECK CONSTRAINT FOR SHARE NOWAIT SKIP LOCKED CONFLICT DO \
        NOTHING REPLACE IGNORE DUPLICATE INTERVAL CAST ESCAPE COLLATE NULLS BEGIN COMMIT ROLLBACK SAVEPOINT \
        TRUNCATE MERGE MATCHED UPSERT EXPLAIN ANALYZE SIMILAR TO ARRAY FILTER WITHIN
        """

    /// An open-addressing table keyed by the upper-cased word packed into two integers
    /// (words of 2 to 16 ASCII bytes), so classifying a word hashes nothing.
    struct Entry {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var cls: Class = .none
    }

    static let slots = 512

    static let table: [Entry] = {
        var t = [Entry](repeating: Entry(), count: slots)
        func add(_ w: String, _ c: Class) {
            let b = Array(w.utf8)
            let (lo, hi) = b.withUnsafeBufferPointer { pack($0.baseAddress!, $0.count)! }
            var i = slot(lo, hi)
            while t[i].lo != 0 { i = (i + 1) & (slots - 1) }
            t[i] = Entry(lo: lo, hi: hi, cls: c)
        }
        for w in words.split(separator: " ") { add(String(w), .keyword(list: false, values: false)) }
        add("IN", .keyword(list: true, values: false))
        add("VALUES", .keyword(list: true, values: true))
        for w in ["TRUE", "FALSE", "NULL"] { add(w, .literal) }
        return t
    }()

    @inline(__always)
    static func slot(_ lo: UInt64, _ hi: UInt64) -> Int {
        Int(truncatingIfNeeded: ((lo ^ (hi &* 0x2545_F491_4F6C_DD1D)) &* 0x9E37_79B9_7F4A_7C15) >> 55)
    }

    /// The word upper-cased and packed little-endian into two integers; `nil` if it is not
    /// 2 to 16 ASCII bytes.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ len: Int) -> (UInt64, UInt64)? {
        guard len >= 2 && len <= 16 else { return nil }
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for k in 0..<len {
            var c = p[k]
            guard c < 0x80 else { return nil }
            if c >= 0x61 && c <= 0x7A { c -= 0x20 }
            if k < 8 {
                lo |= UInt64(c) << (8 * UInt64(k))
            } else {
                hi |= UInt64(c) << (8 * UInt64(k - 8))
            }
        }
        return (lo, hi)
    }

    /// Classifies the word of `len` bytes at `p`, ignoring ASCII case.
    static func classify(_ p: UnsafePointer<UInt8>, _ len: Int) -> Class {
        guard len <= 10, let (lo, hi) = pack(p, len) else { return .none }
        return table.withUnsafeBufferPointer { t in
            var i = slot(lo, hi)
            while t[i].lo != 0 {
                if t[i].lo == lo && t[i].hi == hi { return t[i].cls }
                i = (i + 1) & (slots - 1)
            }
            return .none
        }
    }
}
