// Built with the `Tracing` trait only (Package.swift).
#if Tracing
    import Tracing

    extension SpanAttributes {
        /// The attribute as text when it is a string; `nil` when missing or of another type.
        func string(_ key: String) -> String? {
            if case .string(let s)? = get(key) { return s }
            return nil
        }

        /// An HTTP status code from an integer, an integral double or a decimal string attribute, when
        /// it is in 100...999; `nil` otherwise.
        func statusCode(_ key: String) -> Int? {
            let code: Int64?
            switch get(key) {
            case .int64(let v)?: code = v
            case .int32(let v)?: code = Int64(v)
            case .double(let v)?: code = v.isFinite && v.rounded() == v && abs(v) < 1e6 ? Int64(v) : nil
            case .string(let s)?: code = s.utf8.count <= 3 ? Int64(s) : nil
            default: code = nil
            }
            guard let code, (100...999).contains(code) else { return nil }
            return Int(code)
        }

        /// Whether the attribute exists but is not usable as the type the mapping expects (counted).
        func isOddlyTyped(_ key: String, string expected: Bool) -> Bool {
            guard let v = get(key) else { return false }
            if expected {
                if case .string = v { return false }
                return true
            }
            return statusCode(key) == nil
        }
    }
#endif
