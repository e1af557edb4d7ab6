import ArgumentParser

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Create, list, show, update and delete routes.",
        discussion: """
            Fields are named as the provider's API names them (RouteName, RouteType, TrunkIp1, …; \
            Flowroute: route_name/alias, type/route_type, value), case-insensitively.
            """,
        subcommands: [RoutesCreate.self, RoutesList.self, RoutesShow.self, RoutesUpdate.self, RoutesDelete.self]
    )
}
