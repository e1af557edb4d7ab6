import RouteModel

/// One number's routing read from a Flowroute API (`GET …/tns/{number}`, `GET …/numbers/{number}`),
/// retried as every read is: `send` makes one attempt, `parse` reads the API's shape, a 404 means
/// the account has no such number, and an answer about another number is refused.
func flowrouteRouting(
    of number: PhoneNumber, url: String, transport: HTTPTransport, send: (HTTPRequest) async -> Attempt<HTTPAnswer>,
    parse: @escaping (JSON) throws(WireError) -> ListedNumber
) async throws(ClientError) -> NumberRouting {
    try await transport.retrying { _ async -> Attempt<NumberRouting> in
        switch await send(HTTPRequest(.GET, url)) {
        case .success(let answer):
            return decoding(answer) { json throws(WireError) in
                let listed = try parse(json)
                guard listed.number == number else { throw .unexpected("the answer about \(number) is about \(listed.number)") }
                return listed.routing
            }
        case .rejected(let error) where error.status == 404:
            return .rejected(.notFound("phone number \(number)", body: error.body, url: error.url))
        case let failure:
            return Attempt(failure: failure.failure!)
        }
    }
}
