import Hummingbird
import RouteModel

/// Puts the pieces together: the same middleware for every API (logging, error shapes,
/// latency, body policy), then per API its public endpoints, its authentication, the faults and
/// its route endpoints. Paths that exist answer 405 for other methods.
struct SandboxRouter {
    let options: SandboxOptions
    let store: RouteStore
    let accounts: AccountBook
    let tokens: TokenAuthority
    let writes: WriteCounter

    func build() -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        if options.logRequests { router.add(middleware: RequestLogMiddleware()) }
        router.add(middleware: ErrorMiddleware())
        if options.latency > .zero { router.add(middleware: LatencyMiddleware(latency: options.latency)) }
        router.add(middleware: BodyPolicyMiddleware())
        let dice = FaultDice(seed: options.seed)
        let limiter = options.rateLimit.map(RateLimiter.init(requestsPerSecond:))

        let telegent = router.group("v1.0")
            .refuseMethods("oauth2/tokens", allowing: [.post])
            .refuseMethods("voice/routes", allowing: [.get, .post])
            .refuseMethods("voice/routes/update", allowing: [.post])
            .refuseMethods("voice/routes/delete", allowing: [.post])
            .refuseMethods("account/voice/routes", allowing: [.get])
        TelegentTokenController(tokens: tokens, accounts: accounts).addRoutes(to: telegent)
        let telegentRoutes = telegent.group().add(middleware: TelegentAuthMiddleware(tokens: tokens, accounts: accounts))
        addFaults(to: telegentRoutes, dice: dice, limiter: limiter)
        TelegentRoutesController(store: store).addRoutes(to: telegentRoutes)

        let flowrouteV1 = router.group("v1")
            .refuseMethods("routes", allowing: [.get])
            .refuseMethods("routes/{route_name}", allowing: [.put])
            .group()
            .add(middleware: FlowrouteSignatureMiddleware(accounts: accounts))
        addFaults(to: flowrouteV1, dice: dice, limiter: limiter)
        FlowrouteV1Controller(store: store).addRoutes(to: flowrouteV1)

        let flowrouteV2 = router.group("v2")
            .refuseMethods("routes", allowing: [.get, .post])
            .refuseMethods("routes/{id}", allowing: [.get, .patch, .delete])
            .group()
            .add(middleware: BasicAuthMiddleware(accounts: accounts))
        addFaults(to: flowrouteV2, dice: dice, limiter: limiter)
        FlowrouteV2Controller(store: store).addRoutes(to: flowrouteV2)
        return router
    }

    /// Writes are counted first, then the rate limit (a refused request never reaches the dice),
    /// then injected faults; no fault middleware is added when none is asked for, keeping the
    /// normal path short.
    private func addFaults(to group: RouterGroup<SandboxContext>, dice: FaultDice, limiter: RateLimiter?) {
        group.add(middleware: WriteCounter.Middleware(counter: writes))
        if let limiter { group.add(middleware: RateLimitMiddleware(limiter: limiter)) }
        if options.faults.any {
            group.add(middleware: FaultInjectionMiddleware(faults: options.faults, dice: dice))
        }
    }
}
