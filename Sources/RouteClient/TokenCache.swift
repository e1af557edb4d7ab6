import Foundation
import RouteModel
import Synchronization

/// Telegent bearer tokens, one per API endpoint because the service scopes each token to the
/// URL it was issued for. A token is reused until shortly before it expires, and callers that
/// need one at the same moment share a single token request. The tokens themselves sit behind a
/// lock, so the common case — a valid token — is read without a hop onto the actor.
actor TokenCache {
    typealias Fetch = @Sendable (_ apiEndpoint: String) async -> Result<TelegentToken, ClientError>

    private struct Cached {
        var token: TelegentToken
        var renewAt: Date
    }

    private let fetch: Fetch
    private let tokens = Mutex<[String: Cached]>([:])
    private var pending: [String: Task<Result<TelegentToken, ClientError>, Never>] = [:]

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
    func token(for apiEndpoint: String) async throws(ClientError) -> String {
        if let cached = cached(for: apiEndpoint) { return cached }
        let task: Task<Result<TelegentToken, ClientError>, Never>
        if let inFlight = pending[apiEndpoint] {
            task = inFlight
        } else {
            let fetch = self.fetch
            task = Task { await fetch(apiEndpoint) }
            pending[apiEndpoint] = task
        }
        let result = await task.value
        if pending[apiEndpoint] == task {
            pending[apiEndpoint] = nil
            if case .success(let token) = result {
                let cached = Cached(token: token, renewAt: Self.renewal(of: token, receivedAt: Date()))
                tokens.withLock { $0[apiEndpoint] = cached }
            }
        }
        return try result.get().token
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
