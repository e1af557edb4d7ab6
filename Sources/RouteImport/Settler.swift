import RouteClient
import RouteModel

/// Settles creates whose outcome is unknown (timeout, dropped connection, 5xx) by looking the
/// name up, never by sending again blindly.
///
/// The API cannot filter by name, so rows wait here briefly and one `list()` settles every row
/// waiting: a route with the row's name whose id was not in the account before the import (and
/// not already claimed by another row) was created by that row; no such route means the create
/// was not applied and is safe to send again.
actor Settler {
    enum Settlement: Sendable {
        case created(id: String)
        case absent
        /// The lookup itself failed; the row cannot be settled in this run.
        case unsettled(ClientError)
    }

    private let service: any RouteService
    private let preexisting: Set<String>
    /// Ids already attributed to a row of this import.
    private var claimed: Set<String> = []
    private var waiting: [(key: String, continuation: CheckedContinuation<Settlement, Never>)] = []
    private var scheduled = false
    /// Long enough for a batch to gather and for a request still being applied to land.
    private let gatherTime: Duration

    init(service: any RouteService, preexisting: Set<String>, gatherTime: Duration = .milliseconds(100)) {
        self.service = service
        self.preexisting = preexisting
        self.gatherTime = gatherTime
    }

    /// Marks `id` as this import's own, so no other row with the same name settles to it.
    func claim(_ id: String) {
        claimed.insert(id)
    }

    func settle(key: String) async -> Settlement {
        await withCheckedContinuation { continuation in
            waiting.append((key, continuation))
            scheduleLookup()
        }
    }

    /// One lookup at a time, in a task of its own so that cancelling the import does not
    /// abandon rows that are waiting to learn whether they were created.
    private func scheduleLookup() {
        guard !scheduled else { return }
        scheduled = true
        Task {
            try? await Task.sleep(for: gatherTime)
            await lookUp()
        }
    }

    private func lookUp() async {
        let batch = waiting
        waiting.removeAll()
        let names = Set(batch.map(\.key))
        let outcome: Result<[String: [String]], ClientError>
        do throws(ClientError) {
            var candidates: [String: [String]] = [:]
            for route in try await service.list() {
                guard let key = route.key, names.contains(key), let id = route.id, !preexisting.contains(id) else { continue }
                candidates[key, default: []].append(id)
            }
            outcome = .success(candidates)
        } catch {
            outcome = .failure(error)
        }
        for (key, continuation) in batch {
            switch outcome {
            case .failure(let error):
                continuation.resume(returning: .unsettled(error))
            case .success(let candidates):
                if let id = candidates[key]?.first(where: { !claimed.contains($0) }) {
                    claimed.insert(id)
                    continuation.resume(returning: .created(id: id))
                } else {
                    continuation.resume(returning: .absent)
                }
            }
        }
        scheduled = false
        if !waiting.isEmpty { scheduleLookup() }
    }
}
