import ArgumentParser

/// A hidden driver for the writer's crash, load and fault tests (not for users).
struct WriterDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writer-driver", abstract: "(internal) drive the rotating writer for tests", shouldDisplay: false)

    func run() throws {
        throw ValidationError("perflog writer-driver is not implemented yet")
    }
}
