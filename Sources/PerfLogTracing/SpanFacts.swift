// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Tracing

    /// What ``SpanMapping`` reads from a span's attributes, gathered in one pass over them: a key
    /// is recognised by its length and then one comparison, where a lookup per key would hash
    /// every name the mapping asks for, present or not (BENCHMARKS.md, per-span cost).
    struct SpanFacts {
        /// `http.request.method`, when a string.
        var requestMethod: String?
        /// `http.method` (the older name), when a string.
        var legacyMethod: String?
        /// `http.route`, when a string.
        var route: String?
        /// `server.address`, when a string.
        var serverAddress: String?
        /// `net.peer.name` (the older name), when a string.
        var peerName: String?
        /// `http.response.status_code` as a status (``statusCode(_:)``).
        var responseStatus: Int?
        /// `http.status_code` (the older name) as a status.
        var legacyStatus: Int?
        /// `db.query.text`, when a string.
        var queryText: String?
        /// `db.statement` (the older name), when a string.
        var legacyStatement: String?
        /// Whether `db.system` or `db.system.name` is set (any type).
        var hasDatabaseSystem = false
        /// Whether `http.request.method` is set but not a string, or `http.response.status_code`
        /// is set but not a status: the attribute is ignored and the span counted.
        var oddlyTyped = false

        init(_ attributes: SpanAttributes) {
            // Filled in a local: a closure capturing `self` in an initializer boxes it on the heap.
            var f = SpanFacts()
            // swift-format-ignore: ReplaceForEachWithForLoop
            // (SpanAttributes is no Sequence: forEach is its only iteration.)
            attributes.forEach { key, value in
                switch key.utf8.count {
                case 9 where key == "db.system": f.hasDatabaseSystem = true
                case 10 where key == "http.route": f.route = SpanFacts.string(value)
                case 11 where key == "http.method": f.legacyMethod = SpanFacts.string(value)
                case 12 where key == "db.statement": f.legacyStatement = SpanFacts.string(value)
                case 13 where key == "db.query.text": f.queryText = SpanFacts.string(value)
                case 13 where key == "net.peer.name": f.peerName = SpanFacts.string(value)
                case 14 where key == "server.address": f.serverAddress = SpanFacts.string(value)
                case 14 where key == "db.system.name": f.hasDatabaseSystem = true
                case 16 where key == "http.status_code": f.legacyStatus = SpanFacts.statusCode(value)
                case 19 where key == "http.request.method":
                    f.requestMethod = SpanFacts.string(value)
                    if f.requestMethod == nil { f.oddlyTyped = true }
                case 25 where key == "http.response.status_code":
                    f.responseStatus = SpanFacts.statusCode(value)
                    if f.responseStatus == nil { f.oddlyTyped = true }
                default: break
                }
            }
            self = f
        }

        private init() {}

        /// The request method: `http.request.method`, else `http.method`.
        var method: String? { requestMethod ?? legacyMethod }
        /// The server of a client request: `server.address`, else `net.peer.name`.
        var host: String? { serverAddress ?? peerName }
        /// The status: `http.response.status_code`, else `http.status_code`.
        var status: Int? { responseStatus ?? legacyStatus }
        /// A db span's statement: `db.query.text`, else `db.statement`.
        var statement: String? { queryText ?? legacyStatement }
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
