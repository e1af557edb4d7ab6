import ArgumentParser
import RouteModel

extension PhoneNumber {
    /// Reads a `NUMBER` argument; a malformed one is a usage error that says what was expected.
    static func argument(_ text: String) throws -> PhoneNumber {
        do { return try PhoneNumber(parsing: text) } catch {
            throw ValidationError(error.description)
        }
    }
}

extension ArgumentHelp {
    /// The help of a `NUMBER` argument. Its value name is what the shell completes with numbers.
    static var number: ArgumentHelp { ArgumentHelp("The phone number in E.164, e.g. +12065550100.", valueName: "number") }
}
