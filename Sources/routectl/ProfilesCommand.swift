import ArgumentParser
import RouteClient

struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "Save and choose connections (provider, base URL, account key and secret).",
        discussion: """
            Profiles live in $XDG_CONFIG_HOME/routectl/config.json (default ~/.config/routectl), \
            readable by you only. The active profile is used when no --base-url, ROUTECTL_BASE_URL \
            or --profile says otherwise.
            """,
        subcommands: [ProfilesAdd.self, ProfilesList.self, ProfilesUse.self, ProfilesShow.self, ProfilesRemove.self]
    )
}

/// The profile store of the current environment (the shell may have changed `XDG_CONFIG_HOME`).
var profileStore: ProfileStore { ProfileStore(environment: Environment.all) }
