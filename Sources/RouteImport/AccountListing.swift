import RouteClient
import RouteModel

/// Loads the account's routes into the journal as they are listed, a few thousand per commit,
/// so that an account of any size costs the memory of one batch, and lookups by name are an
/// index away.
enum AccountListing {
    /// - Parameters:
    ///   - full: keep each route's fields, for an import that compares values; without it only
    ///     ids and names are read, which a service may list faster.
    ///   - byName: index the routes by name as well as by id, for rows to be looked up by name;
    ///     the final check joins by id alone.
    static func load(
        _ service: any RouteService, into journal: Journal, full: Bool = false, byName: Bool = true, purpose: String
    ) async throws(ImportError) {
        // The earlier listing goes with the first batch, not before the request: the journal
        // may be busy (the result file is written during the final check's listing), and the
        // request need not wait for it.
        var cleared = false
        var batch: [(id: String, name: String, route: Route?)] = []
        func flush() throws {
            if !cleared {
                try journal.clearAccount()
                cleared = true
            }
            try journal.addToAccount(batch)
            batch.removeAll(keepingCapacity: true)
        }
        func add(id: String?, name: String?, route: Route?) throws {
            // Passed over, a route without its id would leave its name free to be created again.
            guard let id, !id.isEmpty else {
                throw ImportError.service("cannot list the account's routes \(purpose): a route of the list has no id"
                    + (name.map { " (named \"\($0)\")" } ?? ""))
            }
            batch.append((id, name ?? "", route))
            if batch.count >= 4096 { try flush() }
        }
        do {
            if full {
                try await service.forEachRoute { route in try add(id: route.id, name: route.key, route: route) }
            } else {
                try await service.forEachRouteName { id, name in try add(id: id, name: name, route: nil) }
            }
            try flush()
            try journal.indexAccount(byName: byName)
        } catch let error as ImportError {
            throw error
        } catch let error as ClientError {
            if error.kind == .cancelled || Task.isCancelled { throw .interrupted }
            throw .service("cannot list the account's routes \(purpose): \(error)")
        } catch {
            throw .service("cannot list the account's routes \(purpose): \(error)")
        }
    }
}
