import RouteModel

/// JSON as routectl prints it: indented for a person at a terminal, one compact line for a
/// program reading a pipe.
enum OutputJSON {
    static func text(_ json: JSON) -> String {
        Terminal.stdoutIsTerminal ? json.prettySerialized() : json.serialized
    }

    /// One element of an array printed an element at a time.
    static func element(_ json: JSON) -> String {
        Terminal.stdoutIsTerminal ? "  " + json.prettySerialized(indent: 1) : json.serialized
    }

    static func print(_ json: JSON) {
        Swift.print(text(json))
    }
}
