import RouteClient
import RouteModel

/// Loads the account's routes into the journal as they are listed, a few thousand per commit,
/// so that an account of any size costs the memory of one batch, and lookups by name are an
/// index away.
enum AccountListing {
    static func load(_ service: any RouteService, into journal: Journal, purpose: String) async throws(ImportError) {
        try journal.clearAccount()
        var batch: [(id: String, name: String)] = []
        do {
            try await service.forEachRouteName { id, name in
                guard let id else { return }
                batch.append((id, name ?? ""))
                if batch.count >= 4096 {
                    try journal.addToAccount(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try journal.addToAccount(batch)
            try journal.indexAccount()
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
