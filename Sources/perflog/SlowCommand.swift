import ArgumentParser

struct SlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slow", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog slow is not implemented yet")
    }
}
