/// What filters and group keys read from a scanned record: the raw JSON value at a field path.
/// The analyzer's scanned record conforms; tests can supply their own.
@_spi(Internals) public protocol FieldLookup {
    /// The JSON value at `path`, or `nil` when the record has no such field.
    func value(at path: FieldPath) -> JSONValueRef?

    /// The numeric value at `path` (see ``JSONValueRef/number``), or `nil`. Records with parsed
    /// numeric fields override it to skip re-parsing; the default reads ``value(at:)``.
    func number(at path: FieldPath) -> Double?
}

extension FieldLookup {
    /// The value at `path` as a number, when it is one.
    public func number(at path: FieldPath) -> Double? { value(at: path)?.number }
}
