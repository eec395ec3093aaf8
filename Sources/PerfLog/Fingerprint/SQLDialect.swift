/// The SQL dialect whose lexical rules ``QueryFingerprint`` applies where dialects differ.
///
/// Dialects disagree on where some literals and comments end: a backslash in `'…'` escapes the
/// quote in MySQL but is an ordinary character in PostgreSQL and SQLite; `#` starts a comment in
/// MySQL and is an operator in PostgreSQL; PostgreSQL nests `/* … */` comments; `$tag$…$tag$` is a
/// string only in PostgreSQL; `"…"` is a string in MySQL, an identifier in PostgreSQL and either in
/// SQLite. ``generic`` (the default) assumes none of them: wherever the dialects would end a
/// literal or comment at different places, it replaces everything from there to the end of the
/// query with `?`, so no byte of a literal is written whatever the database.
///
/// ```swift
/// let pg = QueryFingerprint(dialect: .postgresql)
/// pg.fingerprint(#"SELECT * FROM f WHERE path = 'C:\dir\' AND owner = 'Ann'"#)
/// // "SELECT * FROM f WHERE path = ? AND owner = ?"
/// QueryFingerprint().fingerprint(#"SELECT * FROM f WHERE path = 'C:\dir\' AND owner = 'Ann'"#)
/// // "SELECT * FROM f WHERE path = ?"
/// ```
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    /// No dialect assumed: every construct the dialects read differently fails closed.
    case generic
    /// MySQL and MariaDB with the default `sql_mode` (backslash escapes on, `ANSI_QUOTES` off).
    case mysql
    /// PostgreSQL with `standard_conforming_strings` on (the default since 9.1).
    case postgresql
    /// SQLite.
    case sqlite
}
