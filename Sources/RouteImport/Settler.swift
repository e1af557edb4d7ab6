import RouteClient
import RouteModel

/// Settles creates whose outcome is unknown (a timeout, a lost connection, a 5xx, a cut body)
/// by looking the name up, never by sending again blindly. The thin async shell around
/// `SettlerState`: it sleeps, lists and resumes the waiting rows.
///
/// The API cannot filter by name, so one `list()` settles every row that is due: a route with
/// the row's name whose id was not in the account before the import (the journal's baseline)
/// and is not already held by another row was created by that row; no such route means the
/// create was not applied and is safe to send again.
actor Settler {
    typealias Settlement = RetryExecutor.Settlement<String>

    private let service: any RouteService
    private let journal: Journal
    private let clock = ContinuousClock()
    private var state = SettlerState<ContinuousClock.Instant>()
    private var continuations: [Int: CheckedContinuation<Settlement, Never>] = [:]
    private var nextID = 0
    private var wakeUp: Task<Void, Never>?
    /// Ids this run attributed to a row, committed or not (the journal answers for earlier runs).
    /// It holds the rows settled by a lookup and, under `--on-existing create`, every created id:
    /// the one per-row memory left in an import, and only in that mode.
    private var claimed: Set<String> = []

    init(service: any RouteService, journal: Journal) {
        self.service = service
        self.journal = journal
    }

    /// Marks `id` as this import's own, so no other row with the same name settles to it.
    func claim(_ id: String) {
        claimed.insert(id)
    }

    /// The id the row's create made, looked up no earlier than `notBefore`.
    func settle(key: String, notBefore: ContinuousClock.Instant) async -> Settlement {
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { return continuation.resume(returning: .cancelled) }
                continuations[id] = continuation
                perform(state.enqueue(.init(id: id, key: key, due: notBefore), now: clock.now))
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: Int) {
        guard state.cancel(id) else { return }
        continuations.removeValue(forKey: id)?.resume(returning: .cancelled)
    }

    private func perform(_ action: SettlerState<ContinuousClock.Instant>.Action) {
        switch action {
        case .none:
            break
        case .wake(let instant):
            wakeUp?.cancel()
            wakeUp = Task {
                // The lookup runs in a task of its own: an import being cancelled must not
                // abandon the rows that wait to learn whether they were created.
                guard (try? await clock.sleep(until: instant)) != nil else { return }
                self.woke()
            }
        case .lookUp(let batch):
            Task { await self.lookUp(batch) }
        }
    }

    private func woke() {
        perform(state.woke(now: clock.now))
    }

    private func lookUp(_ batch: [SettlerState<ContinuousClock.Instant>.Waiter]) async {
        let settlements: [Int: Settlement]
        do throws(ClientError) {
            settlements = try attribute(batch, candidates: try await candidates(named: Set(batch.map(\.key))))
        } catch {
            settlements = Dictionary(uniqueKeysWithValues: batch.map { ($0.id, .failed(error)) })
        }
        for waiter in batch {
            continuations.removeValue(forKey: waiter.id)?.resume(returning: settlements[waiter.id] ?? .absent)
        }
        perform(state.lookupFinished(now: clock.now))
    }

    /// The ids of the account's routes with one of `names`, from one listing, in its order.
    private func candidates(named names: Set<String>) async throws(ClientError) -> [String: [String]] {
        var candidates: [String: [String]] = [:]
        do {
            try await service.forEachRouteName { id, key in
                guard let key, names.contains(key), let id else { return }
                candidates[key, default: []].append(id)
            }
        } catch let error as ClientError { throw error } catch {
            throw ClientError(kind: .unexpectedAnswer, message: "\(error)")
        }
        return candidates
    }

    /// Gives each waiting row the first route of its name that is new since the baseline and
    /// held by no other row.
    private func attribute(
        _ batch: [SettlerState<ContinuousClock.Instant>.Waiter], candidates: [String: [String]]
    ) throws(ClientError) -> [Int: Settlement] {
        let ids = candidates.values.flatMap { $0 }
        let taken: Set<String>
        do throws(ImportError) {
            taken = try journal.baselineContains(ids).union(journal.claimed(ids))
        } catch {
            throw ClientError(kind: .unexpectedAnswer, message: error.description)
        }
        var settlements: [Int: Settlement] = [:]
        for waiter in batch {
            if let id = candidates[waiter.key]?.first(where: { !taken.contains($0) && !claimed.contains($0) }) {
                claimed.insert(id)
                settlements[waiter.id] = .applied(id)
            } else {
                settlements[waiter.id] = .absent
            }
        }
        return settlements
    }
}
