import Hummingbird
import RouteModel

/// Puts the pieces together: the same middleware for every API (logging, error shapes,
/// body policy), then per API its public endpoints, its authentication, the faults and
/// its route and number endpoints. Paths that exist answer 405 for other methods.
struct SandboxRouter {
    let options: SandboxOptions
    let store: RouteStore
    let accounts: AccountBook
    let tokens: TokenAuthority
    let routeWrites: WriteCounter
    let numberWrites: WriteCounter

    func build() -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        if options.logRequests { router.add(middleware: RequestLogMiddleware()) }
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: BodyPolicyMiddleware())
        let dice = FaultDice(seed: options.seed)
        let limiter = options.rateLimit.map(RateLimiter.init(requestsPerSecond:))

        let telegent = router.group("v1.0")
            .refuseMethods("oauth2/tokens", allowing: [.post])
            .refuseMethods("voice/routes", allowing: [.get, .post])
            .refuseMethods("voice/routes/update", allowing: [.post])
            .refuseMethods("voice/routes/delete", allowing: [.post])
            .refuseMethods("account/voice/routes", allowing: [.get])
            .refuseMethods("numbers", allowing: [.get])
            .refuseMethods("numbers/inventory", allowing: [.get])
            .refuseMethods("numbers/update", allowing: [.post])
        TelegentTokenController(tokens: tokens, accounts: accounts).addRoutes(to: telegent)
        let telegentAPI = telegent.group().add(middleware: TelegentAuthMiddleware(tokens: tokens, accounts: accounts))
        TelegentRoutesController(store: store)
            .addRoutes(to: guarded(telegentAPI, counting: routeWrites, dice: dice, limiter: limiter))
        TelegentNumbersController(numbers: store.numbers)
            .addRoutes(to: guarded(telegentAPI, counting: numberWrites, dice: dice, limiter: limiter))

        let flowrouteV1 = router.group("v1")
            .refuseMethods("routes", allowing: [.get])
            .refuseMethods("routes/{route_name}", allowing: [.put])
            .refuseMethods("tns", allowing: [.get])
            .refuseMethods("tns/{number}", allowing: [.get, .patch])
            .group()
            .add(middleware: FlowrouteSignatureMiddleware(accounts: accounts))
        FlowrouteV1Controller(store: store)
            .addRoutes(to: guarded(flowrouteV1, counting: routeWrites, dice: dice, limiter: limiter))
        FlowrouteV1NumbersController(store: store)
            .addRoutes(to: guarded(flowrouteV1, counting: numberWrites, dice: dice, limiter: limiter))

        let flowrouteV2 = router.group("v2")
            .refuseMethods("routes", allowing: [.get, .post])
            .refuseMethods("routes/{id}", allowing: [.get, .patch, .delete])
            .refuseMethods("numbers", allowing: [.get])
            .refuseMethods("numbers/{number}", allowing: [.get])
            .refuseMethods("numbers/{number}/relationships/{relationship}", allowing: [.patch])
            .group()
            .add(middleware: BasicAuthMiddleware(accounts: accounts))
        FlowrouteV2Controller(store: store)
            .addRoutes(to: guarded(flowrouteV2, counting: routeWrites, dice: dice, limiter: limiter))
        FlowrouteV2NumbersController(numbers: store.numbers)
            .addRoutes(to: guarded(flowrouteV2, counting: numberWrites, dice: dice, limiter: limiter))
        return router
    }

    /// A group of `api` for the endpoints whose writes `counter` counts. Writes are counted
    /// first, then the rate limit (a refused request never reaches the dice), then injected
    /// faults; no fault middleware is added when none is asked for, keeping the normal path short.
    /// The limiter and the dice are shared, so routes and numbers draw from the same budget and
    /// sequence.
    private func guarded(
        _ api: RouterGroup<SandboxContext>, counting counter: WriteCounter, dice: FaultDice, limiter: RateLimiter?
    ) -> RouterGroup<SandboxContext> {
        let group = api.group().add(middleware: WriteCounter.Middleware(counter: counter))
        if let limiter { group.add(middleware: RateLimitMiddleware(limiter: limiter)) }
        if options.faults.any {
            group.add(middleware: FaultInjectionMiddleware(faults: options.faults, dice: dice))
        }
        return group
    }
}
