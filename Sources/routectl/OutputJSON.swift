import RouteModel

/// JSON as routectl prints it: indented for a person at a terminal, one compact line for a
/// program reading a pipe.
enum OutputJSON {
    static func text(_ json: JSON) -> String {
        Terminal.stdoutIsTerminal ? shown(json.prettySerialized()) : json.serialized
    }

    /// One element of an array printed an element at a time.
    static func element(_ json: JSON) -> String {
        Terminal.stdoutIsTerminal ? "  " + shown(json.prettySerialized(indent: 1)) : json.serialized
    }

    /// Prints element `index` of an array printed an element at a time, opening the array before the first.
    static func printElement(_ json: JSON, index: Int) {
        Swift.print(index == 0 ? "[" : ",")
        Swift.print(element(json), terminator: "")
    }

    /// Closes an array printed by `printElement`, or prints an empty one.
    static func endElements(count: Int) {
        Swift.print(count == 0 ? "[]" : "\n]")
    }

    static func print(_ json: JSON) {
        Swift.print(text(json))
    }

    /// JSON leaves C1 controls, DEL and direction overrides unescaped, and a terminal acts on
    /// them: on a terminal they are written as `\u` escapes, which mean the same to a reader.
    private static func shown(_ text: String) -> String {
        // Line feeds are the indentation's own; those inside strings are already `\n`.
        func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { scalar != "\n" && TerminalText.isUnsafe(scalar) }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
