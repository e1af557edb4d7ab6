import RouteModel

extension RouteService {
    /// Creates `route`, retrying per `policy`. An unknown outcome is settled by listing the
    /// account's routes and looking for this one by name, never by sending the create again
    /// blindly: a retry must not duplicate the route. Flowroute v1's create is a `PUT` by name,
    /// idempotent, so there it is simply sent again. Sets `Session.lastCreatedID`.
    public func create(_ route: Route, policy: RetryPolicy) async throws(ClientError) -> Route {
        var attempt = 1
        while true {
            let error: ClientError
            switch await createOnce(route) {
            case .success(let created):
                Session.lastCreatedID = created.id
                return created
            case .rejected(let refusal):
                throw refusal
            case .retryable(let refusal):
                error = refusal
            case .unknown(let uncertainty):
                if dialect != .flowrouteV1, let created = try await settle(route, after: uncertainty) {
                    Session.lastCreatedID = created.id
                    return created
                }
                error = uncertainty
            }
            guard attempt < policy.maxAttempts else { throw error }
            try? await Task.sleep(for: policy.delay(attempt: attempt, retryAfter: error.retryAfter))
            attempt += 1
        }
    }

    /// Updates route `id` with `changes`, retrying per `policy`. Setting fields to given values
    /// is idempotent, so an unknown outcome may be sent again.
    public func update(id: String, changes: Route, policy: RetryPolicy) async throws(ClientError) -> Route {
        var attempt = 1
        while true {
            let error: ClientError
            switch await updateOnce(id: id, changes: changes) {
            case .success(let updated): return updated
            case .rejected(let refusal): throw refusal
            case .retryable(let refusal), .unknown(let refusal): error = refusal
            }
            guard attempt < policy.maxAttempts else { throw error }
            try? await Task.sleep(for: policy.delay(attempt: attempt, retryAfter: error.retryAfter))
            attempt += 1
        }
    }

    /// The route the service holds that `route`'s create produced, if the create was applied;
    /// `nil` when it certainly was not. Throws when the lookup itself fails, since then nothing
    /// is known.
    func settle(_ route: Route, after uncertainty: ClientError) async throws(ClientError) -> Route? {
        let existing: [Route]
        do {
            existing = try await list()
        } catch {
            throw ClientError(
                kind: uncertainty.kind, status: uncertainty.status, body: uncertainty.body, url: uncertainty.url,
                message: "\(uncertainty) (the route may have been created; looking it up failed: \(error))")
        }
        return existing.first { $0.isCreation(of: route) }
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
