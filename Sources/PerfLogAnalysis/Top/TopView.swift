/// What the person at `perflog top`'s screen chose: the sort column, a row filter, pause, and a
/// filter being typed. Keys change it (``handle(key:)``); ``TopScreen`` draws with it.
package struct TopView: Sendable, Equatable {
    /// The sort column.
    package enum Sort: String, Sendable, CaseIterable {
        /// Slowest p95 first.
        case p95
        /// Busiest first.
        case rate
        /// Highest error rate first (then most errors).
        case errors
        /// By name.
        case name
    }

    /// What a key asks the session to do.
    package enum Action: Sendable, Equatable {
        /// Nothing changed.
        case none
        /// The view changed: draw again.
        case redraw
        /// Leave `top`.
        case quit
    }

    /// The sort column.
    package var sort: Sort
    /// A glob the row names must match (`db.*`), or `nil` for every row.
    package var filter: String?
    /// Whether the screen is frozen (the data is still read).
    package var paused = false
    /// The filter being typed after `/`, or `nil`.
    package var prompt: String?

    /// - Parameters:
    ///   - sort: the sort column.
    ///   - filter: a glob on the row names.
    package init(sort: Sort = .p95, filter: String? = nil) {
        self.sort = sort
        self.filter = filter
    }

    /// Applies one key: `p`, `r`, `e`, `n` sort; `/` starts a filter (Enter applies it, an empty
    /// one clears it, Esc cancels); space pauses and resumes; `q` quits.
    package mutating func handle(key: UInt8) -> Action {
        if var text = prompt {
            switch key {
            case 0x0D, 0x0A:
                filter = text.isEmpty ? nil : text
                prompt = nil
            case 0x1B:
                prompt = nil
            case 0x7F, 0x08:
                if !text.isEmpty { text.removeLast() }
                prompt = text
            case 0x20...0x7E:
                if text.utf8.count < 200 { text.unicodeScalars.append(Unicode.Scalar(key)) }
                prompt = text
            default:
                return .none
            }
            return .redraw
        }
        switch key {
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): return .quit
        case UInt8(ascii: "p"): sort = .p95
        case UInt8(ascii: "r"): sort = .rate
        case UInt8(ascii: "e"): sort = .errors
        case UInt8(ascii: "n"): sort = .name
        case UInt8(ascii: "/"): prompt = ""
        case UInt8(ascii: " "): paused.toggle()
        default: return .none
        }
        return .redraw
    }

    /// The rows this view shows, filtered and sorted (ties by name).
    package func arrange(_ rows: [TopRow]) -> [TopRow] {
        let glob = filter.map(GlobPattern.init)
        let kept = glob.map { g in rows.filter { g.matches($0.name) } } ?? rows
        return kept.sorted { a, b in
            switch sort {
            case .p95:
                let x = a.p95Nanoseconds ?? -1
                let y = b.p95Nanoseconds ?? -1
                if x != y { return x > y }
            case .rate:
                if a.perSecond != b.perSecond { return a.perSecond > b.perSecond }
            case .errors:
                let x = a.stats.errors.errorRate
                let y = b.stats.errors.errorRate
                if x != y { return x > y }
                if a.stats.errors.errors != b.stats.errors.errors {
                    return a.stats.errors.errors > b.stats.errors.errors
                }
            case .name:
                break
            }
            return a.name < b.name
        }
    }
}
