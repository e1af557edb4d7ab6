import ArgumentParser
import RouteClient
import RouteModel

struct ProfilesUse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Make a profile the active one; `sandbox` goes back to the local sandbox.")

    @Argument(help: "The profile's name, or sandbox.")
    var name: String

    func run() async throws {
        try await reportingFailures {
            var config = try profileStore.load()
            guard config.names.contains(name) else { throw unknownProfile(name, saved: config.profiles.map(\.name)) }
            config.active = name
            try profileStore.save(config)
            Terminal.printError("routectl: using profile \(name)")
        }
    }
}

func unknownProfile(_ name: String, saved: [String]) -> CommandFailure {
    let names = [ProfileConfig.sandbox] + saved
    return CommandFailure(.usage, "no profile named \"\(name)\"\(DidYouMean.clause(for: name, among: names)) (profiles: \(names.joined(separator: ", ")))")
}
