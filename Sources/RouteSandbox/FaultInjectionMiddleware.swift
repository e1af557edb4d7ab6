import Hummingbird

/// `--fail-rate` and `--ambiguous-rate`. Failures are answered before the handler runs, so
/// nothing changes: 500, or 503 with `Retry-After: 1`. Ambiguous outcomes hit successful writes
/// after the change is committed: the connection is dropped without an answer, or a 504 is
/// sent — the cases where a client that blindly re-sends creates a duplicate.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let failRate: Double
    let ambiguousRate: Double
    let dice: FaultDice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let roll = dice.roll(4)
        if roll[0] < failRate {
            if roll[1] < 0.5 {
                throw SandboxError(.internalServerError, detail: "Injected failure: nothing was changed.")
            }
            throw SandboxError(.serviceUnavailable, detail: "Injected failure: nothing was changed.", headers: [.retryAfter: "1"])
        }
        let response = try await next(request, context)
        guard roll[2] < ambiguousRate, Self.isWrite(request.method), (200..<300).contains(response.status.code) else {
            return response
        }
        if roll[3] < 0.5 {
            // The change is committed; the client only sees the connection go away.
            try? await context.channel.close()
            return response
        }
        throw SandboxError(.gatewayTimeout, detail: "Injected timeout: the change may or may not have been made.")
    }

    private static func isWrite(_ method: HTTPRequest.Method) -> Bool {
        method != .get && method != .head && method != .options
    }
}
