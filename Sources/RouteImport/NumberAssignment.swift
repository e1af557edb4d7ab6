import RouteModel

/// One number pointed at new routes, with the routes it had: what `numbers import` sends and
/// journals, and what undo puts back.
struct NumberAssignment: Sendable, Equatable {
    let number: PhoneNumber
    let to: NumberRouting
    /// The number's routing as listed before the assignment.
    let from: NumberRouting

    /// Taking this assignment back: the same number, from where it was sent to where it was.
    var reversed: NumberAssignment { NumberAssignment(number: number, to: from, from: to) }

    /// `{"number": "+1…", "to": [primary, failover], "from": [primary, failover]}`, `null` for none.
    var json: JSON {
        func routes(_ routing: NumberRouting) -> JSON {
            .array([routing.primary.map(JSON.string) ?? .null, routing.failover.map(JSON.string) ?? .null])
        }
        return .object([("number", .string(number.e164)), ("to", routes(to)), ("from", routes(from))])
    }

    init(number: PhoneNumber, to: NumberRouting, from: NumberRouting) {
        self.number = number
        self.to = to
        self.from = from
    }

    /// As `json` wrote it; `nil` for anything else (a journal written by something else).
    init?(json: JSON) {
        func routing(_ value: JSON?) -> NumberRouting? {
            guard let pair = value?.arrayValue, pair.count == 2 else { return nil }
            return NumberRouting(primary: pair[0].stringValue, failover: pair[1].stringValue)
        }
        guard let text = json["number"]?.stringValue, let number = try? PhoneNumber(e164Digits: text),
              let to = routing(json["to"]), let from = routing(json["from"]) else { return nil }
        self.init(number: number, to: to, from: from)
    }
}
