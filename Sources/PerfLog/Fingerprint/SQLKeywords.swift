/// The SQL words the fingerprinter upper-cases, and the ones that are literals.
enum SQLKeywords {
    enum Class: Equatable {
        case none
        /// `TRUE`, `FALSE`, `NULL`: replaced by `?`.
        case literal
        /// A keyword; `list` when a following `(…)` is a list to collapse (`IN`, `VALUES`).
        case keyword(list: Bool, values: Bool)
    }

    static let table: [String: Class] = {
        var t: [String: Class] = [:]
        let words = """
            SELECT FROM WHERE AND OR NOT IS LIKE ILIKE BETWEEN INSERT INTO UPDATE SET DELETE JOIN LEFT RIGHT \
            INNER OUTER FULL CROSS NATURAL ON AS ORDER GROUP BY HAVING LIMIT OFFSET FETCH FIRST NEXT ROWS ROW ONLY \
            ASC DESC DISTINCT UNION INTERSECT EXCEPT ALL ANY SOME EXISTS CASE WHEN THEN ELSE END RETURNING WITH \
            RECURSIVE OVER PARTITION WINDOW LATERAL USING CREATE TABLE INDEX VIEW DROP ALTER ADD COLUMN DEFAULT \
            PRIMARY KEY FOREIGN REFERENCES UNIQUE CHECK CONSTRAINT FOR SHARE NOWAIT SKIP LOCKED CONFLICT DO \
            NOTHING REPLACE IGNORE DUPLICATE INTERVAL CAST ESCAPE COLLATE NULLS BEGIN COMMIT ROLLBACK SAVEPOINT \
            TRUNCATE MERGE MATCHED UPSERT EXPLAIN ANALYZE SIMILAR TO ARRAY FILTER WITHIN
            """
        for w in words.split(separator: " ") { t[String(w)] = .keyword(list: false, values: false) }
        t["IN"] = .keyword(list: true, values: false)
        t["VALUES"] = .keyword(list: true, values: true)
        for w in ["TRUE", "FALSE", "NULL"] { t[w] = .literal }
        return t
    }()

    /// Classifies the word of `len` bytes at `p`, ignoring ASCII case.
    static func classify(_ p: UnsafePointer<UInt8>, _ len: Int) -> Class {
        guard len >= 2 && len <= 12 else { return .none }
        // At most 15 bytes: the String is stored inline, without a heap allocation.
        let upper = String(unsafeUninitializedCapacity: len) { buf in
            for k in 0..<len {
                let c = p[k]
                guard c < 0x80 else { return 0 }
                buf[k] = c >= 0x61 && c <= 0x7A ? c - 0x20 : c
            }
            return len
        }
        guard upper.utf8.count == len else { return .none }
        return table[upper] ?? .none
    }
}
