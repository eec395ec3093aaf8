extension SQLDialect {
    /// How a backslash in a quoted literal is read.
    enum Escapes {
        /// An ordinary character (PostgreSQL standard strings, SQLite).
        case none
        /// It escapes the next character, a quote included (MySQL, PostgreSQL `E'…'`).
        case backslash
        /// Unknown: a literal's end counts only where both readings agree.
        case either
    }

    /// The reading of backslashes in `'…'` and `"…"` strings.
    var stringEscapes: Escapes {
        switch self {
        case .generic: .either
        case .mysql: .backslash
        case .postgresql, .sqlite: .none
        }
    }

    /// The reading of backslashes in `E'…'` strings (PostgreSQL's escape strings).
    var escapeStringEscapes: Escapes {
        switch self {
        case .generic: .either
        case .mysql, .postgresql: .backslash
        case .sqlite: .none
        }
    }
}
