import ArgumentParser
import RouteClient
import RouteModel

struct NumbersShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the routes one number's calls go to.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: .number, transform: PhoneNumber.argument)
    var number: PhoneNumber

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let routing = try await service.routing(of: number)
                var output = NumberOutput(format: format, names: await RouteNames.of([routing], service))
                output.paging = !global.noPager
                try output.printNumber(number, routing)
            }
        }
    }
}
