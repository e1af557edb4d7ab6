import Foundation

/// The account's route ids for completion, fetched at most every `lifetime` seconds: Tab is
/// pressed often and a list call is slow. The shell empties it after every command, since any
/// command may create or delete routes or change the target.
final class RouteIDCache: @unchecked Sendable {
    private let fetch: @Sendable () async -> [String]
    private let lifetime: TimeInterval
    private let timeout: DispatchTimeInterval
    private let lock = NSLock()
    private var cached: (ids: [String], time: Date)?

    init(lifetime: TimeInterval = 30, timeout: DispatchTimeInterval = .seconds(5), fetch: @escaping @Sendable () async -> [String]) {
        self.fetch = fetch
        self.lifetime = lifetime
        self.timeout = timeout
    }

    /// The ids, waiting for the account at most `timeout`. It blocks the calling thread, so it
    /// is called from the line editor's thread, never from a task.
    func ids() -> [String] {
        if let cached = lock.withLock({ cached }), Date().timeIntervalSince(cached.time) < lifetime {
            return cached.ids
        }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        Task { [fetch] in
            result.ids = await fetch()
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else { return [] }
        lock.withLock { cached = (result.ids, Date()) }
        return result.ids
    }

    func invalidate() {
        lock.withLock { cached = nil }
    }

    /// Hands the ids from the fetching task to the waiting thread; the semaphore orders the accesses.
    private final class Result: @unchecked Sendable {
        var ids: [String] = []
    }
}
