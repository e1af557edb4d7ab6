extension Field {
    /// Parses the text of a CSV cell or a `Field=Value` argument into a typed, checked value.
    /// `routeType` selects a stricter type where the catalog has one (Flowroute's `value`).
    public func parse(_ text: String, routeType: String? = nil) throws(FieldError) -> FieldValue {
        let type = type(forRouteType: routeType)
        let trimmed = text.trimmingSpaces()
        func refuse() -> FieldError { .invalidValue(field: name, value: text, expected: type.expectation) }
        if let refusal = nulRefusal(text) { throw refusal }
        switch type {
        case .string:
            return .string(text)
        case .integer(let range):
            guard let number = Int(trimmed), range.contains(number) else { throw refuse() }
            return .integer(number)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "1", "y", "on": return .boolean(true)
            case "false", "no", "0", "n", "off": return .boolean(false)
            default: throw refuse()
            }
        case .enumeration(let values, let aliases):
            let lowered = trimmed.lowercased()
            if let canonical = values.first(where: { $0.lowercased() == lowered }) ?? aliases[lowered] {
                return .string(canonical)
            }
            throw refuse()
        case .ipList:
            let items = trimmed.split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            for item in items where !Format.isIPAddress(item) {
                throw .invalidValue(field: name, value: item, expected: FieldType.ipAddress.expectation)
            }
            return .list(items.map { Format.canonical($0, .ipAddress) })
        case .uri, .ipAddress, .port, .pstnNumber, .hostAndPort, .sipURI:
            guard Format.matches(trimmed, type) else { throw refuse() }
            return .string(Format.canonical(trimmed, type))
        }
    }

    /// Checks a value that arrived typed (from JSON) against the field's type.
    public func check(_ value: FieldValue, routeType: String? = nil) throws(FieldError) {
        let type = type(forRouteType: routeType)
        if case .string(let text) = value, let refusal = nulRefusal(text) { throw refusal }
        switch (type, value) {
        case (.string, .string), (.boolean, .boolean):
            return
        case (.integer(let range), .integer(let number)):
            if !range.contains(number) {
                throw .invalidValue(field: name, value: String(number), expected: type.expectation)
            }
        case (.enumeration(let values, _), .string(let text)):
            if !values.contains(text) { throw .invalidValue(field: name, value: text, expected: type.expectation) }
        case (.ipList, .list(let items)):
            for item in items where !Format.isIPAddress(item) {
                throw .invalidValue(field: name, value: item, expected: FieldType.ipAddress.expectation)
            }
        case (_, .string(let text)) where type != .ipList && type != .boolean && !isIntegerType(type):
            if !Format.matches(text, type) { throw .invalidValue(field: name, value: text, expected: type.expectation) }
        default:
            throw .invalidValue(field: name, value: value.description, expected: type.expectation)
        }
    }

    /// A NUL character (U+0000) in any value: neither API can hold one (JSON carries it, but the
    /// services and everything downstream read text as C strings and cut it there), so a route
    /// would not be what the row says. The value is shown with the NUL as `\0`.
    private func nulRefusal(_ text: String) -> FieldError? {
        guard text.utf8.contains(0) else { return nil }
        return .invalidValue(field: name, value: text.withVisibleNUL,
                             expected: "text without a NUL character (U+0000): neither API can hold one")
    }

    private func isIntegerType(_ type: FieldType) -> Bool {
        if case .integer = type { return true }
        return false
    }
}

extension String {
    /// The text with each NUL character written `\0`, for messages and the result file, which
    /// (like SQLite text) cannot carry one.
    public var withVisibleNUL: String {
        utf8.contains(0) ? split(separator: "\0", omittingEmptySubsequences: false).joined(separator: "\\0") : self
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        // Nearly every cell starts and ends in printable ASCII: no grapheme or Unicode lookup then.
        var view = Substring(self)
        if let first = view.utf8.first, let last = view.utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return String(view)
        }
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
