import ArgumentParser
import RouteClient

struct ProfilesRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete a saved profile.")

    @Argument(help: "The profile's name.")
    var name: String

    func run() async throws {
        try await reportingFailures {
            guard name != ProfileConfig.sandbox else { throw CommandFailure(.usage, "the local sandbox cannot be removed") }
            var config = try profileStore.load()
            guard config.remove(name) else { throw unknownProfile(name, saved: config.profiles.map(\.name)) }
            try profileStore.save(config)
            Terminal.printError("routectl: removed profile \(name)")
        }
    }
}
