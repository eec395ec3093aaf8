import ArgumentParser

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog diff is not implemented yet")
    }
}
