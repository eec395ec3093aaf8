/// A line's whole `meta` object written straight into the line by a caller whose metadata has a
/// fixed shape (the tracing backend's ids), so that no `Logger.Metadata` dictionary is built per
/// event. It must write what the encoder writes for the same keys in a dictionary: keys sorted,
/// strings escaped, nothing a redaction list names.
package protocol MetaMembers {
    /// Appends `{"key":value,…}`.
    func append(to e: inout LineEncoder)
}

/// No `meta` written this way: the event's metadata comes from the logger and dictionaries.
package struct NoMetaMembers: MetaMembers {
    /// Creates the empty set of members.
    package init() {}

    package func append(to e: inout LineEncoder) {}
}
