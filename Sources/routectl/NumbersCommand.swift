import ArgumentParser

struct NumbersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numbers",
        abstract: "List the account's phone numbers, show one, and point one at a route.",
        discussion: """
            A number is written in E.164, +12065550100 (Flowroute's digits without + are taken \
            too). A route is named by its id or by its exact name, as in `routes`; a name several \
            routes share is refused with their ids. Telegent numbers have one voice route; \
            Flowroute numbers a primary and an optional failover route.
            """,
        subcommands: [NumbersList.self, NumbersShow.self, NumbersAssign.self, NumbersImport.self]
    )
}
