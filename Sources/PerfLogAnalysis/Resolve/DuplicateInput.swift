/// A path ``InputResolver`` left out because it names a file already among the sources (the same
/// device and inode): a symlink beside its target, a hard link, the same path twice, a file both
/// globbed and found in a directory.
public struct DuplicateInput: Sendable, Equatable, CustomStringConvertible {
    /// The path left out.
    public var path: String
    /// The path under which the file is read.
    public var sameAs: String

    /// `path` names the same file as `sameAs`.
    public init(path: String, sameAs: String) {
        self.path = path
        self.sameAs = sameAs
    }

    /// `logs/latest.log is the same file as logs/app.log; read once`, or `app.log is given more
    /// than once; read once`.
    public var description: String {
        path == sameAs
            ? "\(path) is given more than once; read once" : "\(path) is the same file as \(sameAs); read once"
    }
}
