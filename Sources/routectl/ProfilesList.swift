import ArgumentParser
import RouteClient
import RouteModel

struct ProfilesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved profiles; * marks the active one.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let config = try profileStore.load()
            switch try OutputFormat.resolve(global) {
            case .json:
                print(JSON.array(config.profiles.map { $0.json(active: config.active == $0.name) }).serialized)
            case .table, .csv:
                guard !config.profiles.isEmpty else {
                    print("(no profiles; add one with: routectl profiles add NAME --base-url URL --account-key KEY)")
                    return
                }
                var table = OutputTable(header: ["", "Name", "Provider", "BaseURL", "AccountKey"])
                table.rows = config.profiles.map { profile in
                    [config.active == profile.name ? "*" : "", profile.name, profile.provider, profile.baseURL, profile.accountKey]
                }
                print(table.text)
            }
        }
    }
}

extension Profile {
    /// The profile for people and programs, its secret masked.
    func json(active: Bool) -> JSON {
        .object([
            ("name", .string(name)), ("provider", .string(provider)), ("baseURL", .string(baseURL)),
            ("accountKey", .string(accountKey)), ("accountSecret", .string(Secret.mask(accountSecret))),
            ("active", .bool(active)),
        ])
    }
}
