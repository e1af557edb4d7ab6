import Foundation

/// The account's routes (id, name, type) for completion, fetched at most every `lifetime`
/// seconds: Tab is pressed often and a list call is slow. The shell empties it after every
/// command, since any command may create, rename or delete routes or change the target.
final class RouteNameCache: @unchecked Sendable {
    private let fetch: @Sendable () async -> [RouteSummary]
    private let lifetime: TimeInterval
    private let timeout: DispatchTimeInterval
    private let lock = NSLock()
    private var cached: (routes: [RouteSummary], time: Date)?

    init(lifetime: TimeInterval = 30, timeout: DispatchTimeInterval = .seconds(5), fetch: @escaping @Sendable () async -> [RouteSummary]) {
        self.fetch = fetch
        self.lifetime = lifetime
        self.timeout = timeout
    }

    /// The routes, waiting for the account at most `timeout`. It blocks the calling thread, so
    /// it is called from the line editor's thread, never from a task.
    func routes() -> [RouteSummary] {
        if let cached = lock.withLock({ cached }), Date().timeIntervalSince(cached.time) < lifetime {
            return cached.routes
        }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        Task { [fetch] in
            result.routes = await fetch()
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else { return [] }
        lock.withLock { cached = (result.routes, Date()) }
        return result.routes
    }

    func invalidate() {
        lock.withLock { cached = nil }
    }

    /// Hands the routes from the fetching task to the waiting thread; the semaphore orders the accesses.
    private final class Result: @unchecked Sendable {
        var routes: [RouteSummary] = []
    }
}
