import RouteClient
import RouteModel

/// Loads the account's numbers with their routes into the journal as they are listed, a few
/// thousand per commit, so that an inventory of any size costs the memory of one batch.
enum NumberListing {
    static func load(_ service: any RouteService, into journal: Journal, purpose: String) async throws(ImportError) {
        try journal.clearNumbers()
        var batch: [(number: PhoneNumber, routing: NumberRouting)] = []
        do {
            try await service.forEachNumber { number, routing in
                batch.append((number, routing))
                if batch.count >= 4096 {
                    try journal.addNumbers(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try journal.addNumbers(batch)
        } catch let error as ImportError {
            throw error
        } catch let error as ClientError {
            if error.kind == .cancelled || Task.isCancelled { throw .interrupted }
            throw .service("cannot list the account's numbers \(purpose): \(error)")
        } catch {
            throw .service("cannot list the account's numbers \(purpose): \(error)")
        }
    }
}
