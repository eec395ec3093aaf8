// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Tracing

    /// What ``SpanMapping`` reads from a span's attributes, gathered in one pass over them: a key
    /// is recognised by its length and then one comparison, where a lookup per key would hash
    /// every name the mapping asks for, present or not (BENCHMARKS.md, per-span cost).
    struct SpanFacts {
        /// The request method: `http.request.method`, else `http.method` (strings only).
        var method: String?
        /// `http.route`, when a string.
        var route: String?
        /// The server of a client request: `server.address`, else `net.peer.name` (strings only).
        var host: String?
        /// The status: `http.response.status_code`, else `http.status_code` (``statusCode(_:)``).
        var status: Int?
        /// A db span's statement: `db.query.text`, else `db.statement` (strings only).
        var statement: String?
        /// Whether `db.system` or `db.system.name` is set (any type).
        var hasDatabaseSystem = false
        /// Whether `http.request.method` is set but not a string, or `http.response.status_code`
        /// is set but not a status: the attribute is ignored and the span counted.
        var oddlyTyped = false
        /// Which of the fields above came from the current name, which an older name never replaces
        /// (a field per pair keeps one string per fact: each is copied and released per span).
        private var current = CurrentNames()

        private struct CurrentNames {
            var method = false, host = false, status = false, statement = false
        }

        init(_ attributes: SpanAttributes) {
            self = Self.read(attributes)
        }

        private init() {}

        /// The facts, filled in a local through a pointer and returned: a closure capturing `self`
        /// in an initializer boxes it on the heap, and a captured local is copied when returned.
        private static func read(_ attributes: SpanAttributes) -> SpanFacts {
            var facts = SpanFacts()
            withUnsafeMutablePointer(to: &facts) { f in
                // swift-format-ignore: ReplaceForEachWithForLoop
                // (SpanAttributes is no Sequence: forEach is its only iteration.)
                attributes.forEach { f.pointee.read($0, $1) }
            }
            return facts
        }

        /// Takes in one attribute: a key is recognised by its length and then one comparison.
        mutating func read(_ key: String, _ value: SpanAttribute) {
            switch key.utf8.count {
            case 9 where key == "db.system": hasDatabaseSystem = true
            case 10 where key == "http.route": route = Self.string(value)
            case 11 where key == "http.method":
                if !current.method, let s = Self.string(value) { method = s }
            case 12 where key == "db.statement":
                if !current.statement, let s = Self.string(value) { statement = s }
            case 13 where key == "db.query.text":
                if let s = Self.string(value) { (statement, current.statement) = (s, true) }
            case 13 where key == "net.peer.name":
                if !current.host, let s = Self.string(value) { host = s }
            case 14 where key == "server.address":
                if let s = Self.string(value) { (host, current.host) = (s, true) }
            case 14 where key == "db.system.name": hasDatabaseSystem = true
            case 16 where key == "http.status_code":
                if !current.status, let code = Self.statusCode(value) { status = code }
            case 19 where key == "http.request.method":
                if let s = Self.string(value) { (method, current.method) = (s, true) } else { oddlyTyped = true }
            case 25 where key == "http.response.status_code":
                if let code = Self.statusCode(value) {
                    (status, current.status) = (code, true)
                } else {
                    oddlyTyped = true
                }
            default: break
            }
        }

        /// Whether the span is a database call (a `db.*` system or statement).
        var isDatabase: Bool { hasDatabaseSystem || statement != nil }

        static func string(_ value: SpanAttribute) -> String? {
            if case .string(let s) = value { return s }
            return nil
        }

        /// An HTTP status code from an integer, an integral double or a decimal string attribute,
        /// when it is in 100...999; `nil` otherwise.
        static func statusCode(_ value: SpanAttribute) -> Int? {
            let code: Int64?
            switch value {
            case .int64(let v): code = v
            case .int32(let v): code = Int64(v)
            case .double(let v): code = v.isFinite && v.rounded() == v && abs(v) < 1e6 ? Int64(v) : nil
            case .string(let s): code = s.utf8.count <= 3 ? Int64(s) : nil
            default: code = nil
            }
            guard let code, (100...999).contains(code) else { return nil }
            return Int(code)
        }
    }
#endif
