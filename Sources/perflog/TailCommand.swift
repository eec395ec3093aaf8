import ArgumentParser

struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tail", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog tail is not implemented yet")
    }
}
