import Hummingbird

/// Telegent's bearer authentication: a token from `POST /oauth2/tokens`, unexpired, for an
/// account that still exists, and issued for this endpoint when it was issued for one.
/// Anything else is 401, as the service answers.
struct TelegentAuthMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let tokens: TokenAuthority
    let accounts: AccountBook

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authorization = request.headers[.authorization], authorization.count > 7,
              authorization.prefix(7).lowercased() == "bearer ",
              let claims = tokens.verify(String(authorization.dropFirst(7)), path: request.uri.path),
              let account = accounts.account(key: claims.account)
        else { throw SandboxError.unauthorized }
        var context = context
        context.account = account
        return try await next(request, context)
    }
}
