import RouteModel

extension RouteService {
    /// Creates `route`, retrying per the service's options. An unknown outcome is settled by
    /// listing the account's routes once the settle delay has passed since the attempt ended
    /// (so that a late commit has landed) and looking for this one by name; it is sent again only
    /// when absent. Sets the session's `lastCreatedID`.
    public func create(_ route: Route) async throws(ClientError) -> Route {
        let settleDelay = options.effectiveSettleDelay
        let created = try await RetryExecutor(policy: options.retry).value(dialect.createRepeatability) { _ async throws(CancellationError) in
            try HTTPTransport.checkCancellation()
            return await createOnce(route)
        } settle: { endedAt in
            await settle(route, notBefore: endedAt + settleDelay)
        }
        Session.current.lastCreatedID = created.id
        return created
    }

    /// Updates route `id` with `changes`. Setting fields to given values is idempotent, so an
    /// unknown outcome may be sent again.
    public func update(id: String, changes: Route) async throws(ClientError) -> Route {
        try await RetryExecutor(policy: options.retry).value(.idempotent) { _ async throws(CancellationError) in
            try HTTPTransport.checkCancellation()
            return await updateOnce(id: id, changes: changes)
        }
    }

    /// Deletes route `id`. A delete is idempotent: an unknown outcome is sent again, and a 404
    /// after it means the lost attempt did the work.
    public func delete(id: String) async throws(ClientError) {
        try await RetryExecutor(policy: options.retry).value(.idempotent) { mayHaveApplied async throws(CancellationError) in
            try HTTPTransport.checkCancellation()
            return await deleteOnce(id: id, mayHaveApplied: mayHaveApplied)
        }
    }

    /// Points `number` at `routing`, retrying per the service's options: setting a number's
    /// routes is idempotent, so an unknown outcome may be sent again.
    public func assign(_ number: PhoneNumber, to routing: NumberRouting) async throws(ClientError) -> NumberRouting {
        try await RetryExecutor(policy: options.retry).value(.idempotent) { _ async throws(CancellationError) in
            try HTTPTransport.checkCancellation()
            return await assignOnce(number, to: routing)
        }
    }

    /// The route that `route`'s create produced, looked up at `notBefore` at the earliest.
    private func settle(_ route: Route, notBefore: ContinuousClock.Instant) async -> RetryExecutor.Settlement<Route> {
        do { try await ContinuousClock().sleep(until: notBefore) } catch { return .cancelled }
        do throws(ClientError) {
            return try await list().first { $0.isCreation(of: route) }.map { .applied($0) } ?? .absent
        } catch {
            return .failed(error)
        }
    }
}

extension Route {
    /// Whether this route, as the service lists it, is the result of creating `sent`: same name,
    /// and every field the listing shows agrees with what was sent.
    func isCreation(of sent: Route) -> Bool {
        guard let name = sent.key, key == name else { return false }
        return sent.writable.entries.allSatisfy { field, value in
            field.name == schema.keyField || self[field.name] == nil || self[field.name] == value
        }
    }
}
