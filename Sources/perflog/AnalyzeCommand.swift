import ArgumentParser

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog analyze is not implemented yet")
    }
}
