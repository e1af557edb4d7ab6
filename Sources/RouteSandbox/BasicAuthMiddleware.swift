import Hummingbird

/// Flowroute v2's authentication: HTTP Basic with the access key and secret key in clear.
struct BasicAuthMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let accounts: AccountBook

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let credentials = BasicCredentials(header: request.headers[.authorization]),
              let account = accounts.authenticate(key: credentials.user, secret: credentials.password)
        else { throw SandboxError.flowrouteUnauthorized }
        var context = context
        context.account = account
        return try await next(request, context)
    }
}

extension SandboxError {
    static let flowrouteUnauthorized = SandboxError(
        .unauthorized, title: "Unauthorized", detail: "Authentication failed.",
        headers: [.wwwAuthenticate: #"Basic realm="flowroute""#])
}
