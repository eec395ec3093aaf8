import ArgumentParser

struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "errors", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog errors is not implemented yet")
    }
}
