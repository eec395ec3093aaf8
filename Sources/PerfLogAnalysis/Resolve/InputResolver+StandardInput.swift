extension InputResolver {
    /// The arguments to resolve when a command was given `paths`: `paths` themselves, or `["-"]`
    /// (standard input) when there are none and lines are piped in, or `nil` when there are none
    /// and standard input is a terminal (the command then asks for input instead of waiting for
    /// typed lines).
    ///
    /// ```swift
    /// guard let arguments = InputResolver.argumentsOrStandardInput(paths, standardInputIsTerminal: isatty(0) != 0) else {
    ///     throw ValidationError("no input: give files, or pipe lines in")
    /// }
    /// ```
    /// - Parameters:
    ///   - paths: the paths given on the command line.
    ///   - standardInputIsTerminal: whether standard input is a terminal.
    /// - Returns: the arguments for ``resolve(_:)``, or `nil` when there is no input to read.
    public static func argumentsOrStandardInput(_ paths: [String], standardInputIsTerminal: Bool) -> [String]? {
        if !paths.isEmpty { return paths }
        return standardInputIsTerminal ? nil : ["-"]
    }
}
