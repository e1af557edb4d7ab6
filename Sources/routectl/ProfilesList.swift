import ArgumentParser
import RouteClient
import RouteModel

struct ProfilesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the profiles (the local sandbox first); * marks the active one.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let config = try profileStore.load()
            switch try OutputFormat.resolve(global) {
            case .json:
                OutputJSON.print(JSON.array(config.profiles.map { $0.json(active: config.active == $0.name) }))
            case .table, .csv:
                let usesSandbox = config.active.map { config[$0] == nil } ?? true
                var rows = [[usesSandbox ? "*" : "", ProfileConfig.sandbox, "any", "(local, started when needed)", ""]]
                rows += config.profiles.map { profile in
                    [config.active == profile.name ? "*" : "", profile.name, profile.provider, profile.baseURL, profile.accountKey]
                }
                OutputTable(header: ["", "Name", "Provider", "BaseURL", "AccountKey"], rows: rows,
                            footer: OutputTable.count(rows.count, "profile")).show(paging: !global.noPager)
                if config.profiles.isEmpty {
                    print("(add a profile with: routectl profiles add NAME --base-url URL --account-key KEY)")
                }
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
