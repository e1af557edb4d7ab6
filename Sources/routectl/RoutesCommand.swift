import ArgumentParser

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Create, list, show, update, edit and delete routes.",
        discussion: """
            Fields are named as the provider's API names them (RouteName, RouteType, TrunkIp1, …; \
            Flowroute: route_name/alias, type/route_type, value), case-insensitively. A route is \
            named by its id or by its exact name; a name several routes share is refused with \
            their ids.
            """,
        subcommands: [RoutesCreate.self, RoutesList.self, RoutesShow.self, RoutesUpdate.self, RoutesEdit.self, RoutesDelete.self]
    )
}
