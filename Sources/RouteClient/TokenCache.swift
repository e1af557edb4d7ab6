import Foundation
import RouteModel
import Synchronization

/// Telegent bearer tokens, one per API endpoint because the service scopes each token to the
/// URL it was issued for. A token is reused until shortly before it expires, and callers that
/// need one at the same moment share a single token request. The tokens themselves sit behind a
/// lock, so the common case — a valid token — is read without a hop onto the actor.
actor TokenCache {
    typealias Fetch = @Sendable (_ apiEndpoint: String) async -> Result<TelegentToken, ClientError>
    private typealias Fetched = Result<TelegentToken, ClientError>

    private struct Cached {
        var token: TelegentToken
        var renewAt: Date
    }

    private let fetch: Fetch
    private let tokens = Mutex<[String: Cached]>([:])
    private var pending: [String: Task<Fetched, Never>] = [:]

    init(fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    /// A valid cached token for `apiEndpoint`, if there is one.
    nonisolated func cached(for apiEndpoint: String) -> String? {
        tokens.withLock { tokens in
            guard let cached = tokens[apiEndpoint], Date() < cached.renewAt else { return nil }
            return cached.token.token
        }
    }

    /// A valid token for `apiEndpoint`, from the cache or from the one request in flight for it.
    /// A caller that is cancelled stops waiting at once; the request goes on for the others.
    func token(for apiEndpoint: String) async throws(ClientError) -> String {
        if let cached = cached(for: apiEndpoint) { return cached }
        return try await Self.cancellably(pending[apiEndpoint] ?? fetching(apiEndpoint)).get().token
    }

    /// Starts the token request for `apiEndpoint`; the request itself caches what it gets, so
    /// the token is kept even when every caller has stopped waiting for it.
    private func fetching(_ apiEndpoint: String) -> Task<Fetched, Never> {
        let fetch = self.fetch
        let task = Task {
            let result = await fetch(apiEndpoint)
            await self.finished(apiEndpoint, result)
            return result
        }
        pending[apiEndpoint] = task
        return task
    }

    private func finished(_ apiEndpoint: String, _ result: Fetched) {
        pending[apiEndpoint] = nil
        if case .success(let token) = result {
            let cached = Cached(token: token, renewAt: Self.renewal(of: token, receivedAt: Date()))
            tokens.withLock { $0[apiEndpoint] = cached }
        }
    }

    /// `task`'s result, or a cancellation as soon as the waiting task is cancelled: a stalled
    /// token endpoint must not hold a Ctrl-C up until the request times out.
    private static func cancellably(_ task: Task<Fetched, Never>) async -> Fetched {
        let waiter = Waiter()
        let cancelled = Fetched.failure(.cancelled(after: nil, mayHaveApplied: false))
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter.wait(continuation)
                Task { waiter.resume(returning: await task.value) }
                // A cancellation before the waiter was in place found nothing to resume.
                if Task.isCancelled { waiter.resume(returning: cancelled) }
            }
        } onCancel: {
            waiter.resume(returning: cancelled)
        }
    }

    /// One caller waiting for a token request, resumed once: by the answer or by its cancellation.
    private final class Waiter: Sendable {
        private let continuation = Mutex<CheckedContinuation<Fetched, Never>?>(nil)

        func wait(_ continuation: CheckedContinuation<Fetched, Never>) {
            self.continuation.withLock { $0 = continuation }
        }

        func resume(returning result: Fetched) {
            continuation.withLock { $0.take() }?.resume(returning: result)
        }
    }

    /// Forgets `token` after the service refused it, unless a newer one has replaced it already.
    func invalidate(_ token: String, for apiEndpoint: String) {
        tokens.withLock { tokens in
            if tokens[apiEndpoint]?.token.token == token { tokens[apiEndpoint] = nil }
        }
    }

    /// When to stop using a token: 30 s before it expires, or 10 % of its lifetime for short-lived
    /// ones, so that a request never leaves with a token that expires on the way.
    static func renewal(of token: TelegentToken, receivedAt now: Date) -> Date {
        let lifetime = token.expiry.timeIntervalSince(now)
        return token.expiry.addingTimeInterval(-min(30, max(0, lifetime) / 10))
    }
}
