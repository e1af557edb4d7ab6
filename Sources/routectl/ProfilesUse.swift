import ArgumentParser

struct ProfilesUse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make a profile the active one.")

    @Argument(help: "The profile's name.")
    var name: String

    func run() async throws {
        try await reportingFailures {
            var config = try profileStore.load()
            guard config[name] != nil else { throw unknownProfile(name, saved: config.profiles.map(\.name)) }
            config.active = name
            try profileStore.save(config)
            Terminal.printError("routectl: using profile \(name)")
        }
    }
}

func unknownProfile(_ name: String, saved: [String]) -> CommandFailure {
    CommandFailure(.usage, "no profile named \"\(name)\"" + (saved.isEmpty ? " (none saved yet)" : " (saved: \(saved.joined(separator: ", ")))"))
}
