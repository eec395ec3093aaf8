import Foundation

extension DiffSide {
    /// The side saved in the file at `path` when that file is a `perflog.report/…` JSON report
    /// (``looksLikeReport(_:)`` on its first 256 bytes), or `nil` when it is not one (logs, a
    /// directory, a glob, `-`, or a path that cannot be opened): the caller then analyzes `path`
    /// as logs.
    ///
    /// ```swift
    /// let side = try DiffSide.savedReport(atPath: "base.json") ?? DiffSide(result: analysisOf("base.json"))
    /// ```
    /// - Throws: ``DiffInputError`` naming `path` when the file starts as a report but cannot be
    ///   read or is not a usable latency report (``parseReport(_:file:)``).
    public static func savedReport(atPath path: String) throws(DiffInputError) -> DiffSide? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let prefix = (try? handle.read(upToCount: 256)) ?? Data()
        try? handle.close()
        guard looksLikeReport(prefix) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiffInputError(file: path, message: "cannot read")
        }
        return try parseReport(data, file: path)
    }
}
