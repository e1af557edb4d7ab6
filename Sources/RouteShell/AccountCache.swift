import Foundation

/// A list read from the account for completion (its routes, its numbers), fetched at most every
/// `lifetime` seconds: Tab is pressed often and a list call is slow. The shell empties it after
/// every command, since any command may create, rename or delete routes, re-point numbers or
/// change the target.
final class AccountCache<Item: Sendable>: @unchecked Sendable {
    private let fetch: @Sendable () async -> [Item]
    private let lifetime: TimeInterval
    private let timeout: DispatchTimeInterval
    private let lock = NSLock()
    private var cached: (items: [Item], time: Date)?

    init(lifetime: TimeInterval = 30, timeout: DispatchTimeInterval = .seconds(5), fetch: @escaping @Sendable () async -> [Item]) {
        self.fetch = fetch
        self.lifetime = lifetime
        self.timeout = timeout
    }

    /// The items, waiting for the account at most `timeout`. It blocks the calling thread, so
    /// it is called from the line editor's thread, never from a task.
    func items() -> [Item] {
        if let cached = lock.withLock({ cached }), Date().timeIntervalSince(cached.time) < lifetime {
            return cached.items
        }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        Task { [fetch] in
            result.items = await fetch()
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else { return [] }
        lock.withLock { cached = (result.items, Date()) }
        return result.items
    }

    func invalidate() {
        lock.withLock { cached = nil }
    }

    /// Hands the items from the fetching task to the waiting thread; the semaphore orders the accesses.
    private final class Result: @unchecked Sendable {
        var items: [Item] = []
    }
}
