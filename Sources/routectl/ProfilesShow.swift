import ArgumentParser
import RouteClient

struct ProfilesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a profile (default: the active one), its secret masked.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The profile's name.")
    var name: String?

    func run() async throws {
        try await reportingFailures {
            let config = try profileStore.load()
            guard let wanted = name ?? global.profile ?? Environment.value("ROUTECTL_PROFILE") ?? config.active else {
                throw CommandFailure(.usage, "no active profile; name one, or choose one with `routectl profiles use NAME`")
            }
            if wanted == ProfileConfig.sandbox {
                print("sandbox: the local sandbox, started when needed; its data is under $XDG_DATA_HOME/routectl")
                return
            }
            guard let profile = config[wanted] else { throw unknownProfile(wanted, saved: config.profiles.map(\.name)) }
            switch try OutputFormat.resolve(global) {
            case .json:
                OutputJSON.print(profile.json(active: config.active == profile.name))
            case .table, .csv:
                OutputTable(header: ["Field", "Value"], rows: [
                    ["name", profile.name], ["provider", profile.provider], ["baseURL", profile.baseURL],
                    ["accountKey", profile.accountKey], ["accountSecret", Secret.mask(profile.accountSecret)],
                    ["active", config.active == profile.name ? "yes" : "no"],
                ]).show(paging: !global.noPager)
            }
        }
    }
}
