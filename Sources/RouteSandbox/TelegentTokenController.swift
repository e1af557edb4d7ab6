import Hummingbird
import RouteModel

/// `POST /v1.0/oauth2/tokens`: account credentials for a bearer token, limited to the
/// `ApiEndpoint` named in the request, or account-wide without one.
struct TelegentTokenController: Sendable {
    let tokens: TokenAuthority
    let accounts: AccountBook

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.post("oauth2/tokens", use: issue)
    }

    @Sendable func issue(request: Request, context: SandboxContext) async throws -> Response {
        var request = request
        let json = try await request.jsonBody(context: context)
        var problems: [FieldError] = []
        func text(_ name: String, required: Bool) -> String? {
            switch json[name] {
            case .string(let value)? where !value.isEmpty: return value
            case nil, .null?, .string?:
                if required { problems.append(.missing(field: name, reason: "to issue a token")) }
            case let other?:
                problems.append(.invalidValue(field: name, value: other.serialized, expected: "a JSON string"))
            }
            return nil
        }
        let key = text("AccountKey", required: true)
        let secret = text("AccountSecret", required: true)
        let endpoint = text("ApiEndpoint", required: false)
        guard problems.isEmpty, let key, let secret else { throw SandboxError.validation(problems) }
        guard accounts.authenticate(key: key, secret: secret) != nil else { throw SandboxError.unauthorized }
        return .json(tokens.issue(account: key, endpoint: endpoint).json.serialized)
    }
}
