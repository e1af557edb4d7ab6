import Hummingbird

/// Answers 429 with `Retry-After` (whole seconds, at least 1) when the caller's account is over
/// its rate. Mounted after authentication, as the limit is per account.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let account = try context.requireAccount()
        if let wait = limiter.take(for: account.key) {
            throw SandboxError(.tooManyRequests, detail: "Rate limit of \(Int(limiter.perSecond)) requests per second exceeded.",
                               headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
        }
        return try await next(request, context)
    }
}
