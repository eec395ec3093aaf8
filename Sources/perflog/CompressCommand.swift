import ArgumentParser

struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compress", abstract: "(not yet implemented)")

    func run() throws {
        throw ValidationError("perflog compress is not implemented yet")
    }
}
