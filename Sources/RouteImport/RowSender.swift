import RouteClient
import RouteModel

/// Takes one row to a final answer: sends it through the gate, retries what is safe to retry,
/// settles unknown outcomes by name, and says what became of it.
struct RowSender: Sendable {
    let service: any RouteService
    let gate: SendGate
    let settler: Settler
    let policy: RetryPolicy
    /// Under `--on-existing create` several rows may share a name, so every id created is claimed.
    let claimsCreatedIDs: Bool

    /// Never throws: a cancelled row that was certainly not applied comes back `unprocessed`.
    func send(_ row: PendingRow) async -> RowResult {
        var attempts = 0
        var failures = 0
        var lastError: ClientError?
        while true {
            let ticket: SendGate.Ticket
            do { ticket = try await gate.acquire() } catch {
                return unsent(row, attempts: attempts, lastError: lastError)
            }
            attempts += 1
            let attempt = await Self.shielded { await perform(row) }
            await gate.release(ticket, Self.signal(attempt))
            switch attempt {
            case .success(let route):
                let id = route.id ?? (route.key ?? row.key)
                if claimsCreatedIDs, case .create = row.action { await settler.claim(id) }
                return row.result(row.action.doneStatus, id: id, httpStatus: successStatus(row.action), attempts: attempts)
            case .rejected(let error):
                return row.result(.failed, httpStatus: error.status, attempts: attempts, error: error.description)
            case .retryable(let error):
                lastError = error
                if error.status != 429 { failures += 1 }
            case .unknown(let error):
                lastError = error
                failures += 1
                if case .create = row.action {
                    switch await settler.settle(key: row.key) {
                    case .created(let id):
                        return row.result(.created, id: id, httpStatus: error.status, attempts: attempts)
                    case .unsettled(let lookup):
                        return row.result(.failed, httpStatus: error.status, attempts: attempts,
                                          error: "\(error.description); could not check whether it was created: \(lookup)")
                    case .absent:
                        break
                    }
                }
            }
            guard failures < policy.maxAttempts else {
                return row.result(.failed, httpStatus: lastError?.status, attempts: attempts, error: lastError?.description ?? "")
            }
            do {
                try await Task.sleep(for: policy.delay(attempt: max(failures, 1), retryAfter: lastError?.retryAfter))
            } catch {
                return unsent(row, attempts: attempts, lastError: lastError)
            }
        }
    }

    /// What the API answers on success: Flowroute creates with 201, everything else is 200.
    private func successStatus(_ action: PendingRow.Action) -> Int {
        if case .create = action, service.dialect != .telegent { return 201 }
        return 200
    }

    private func perform(_ row: PendingRow) async -> Attempt<Route> {
        switch row.action {
        case .create: return await service.createOnce(row.route)
        case .update(let id): return await service.updateOnce(id: id, changes: row.route)
        }
    }

    /// Stopped before (re)sending: nothing of this row is on the server that we do not know of.
    private func unsent(_ row: PendingRow, attempts: Int, lastError: ClientError?) -> RowResult {
        row.result(.unprocessed, httpStatus: lastError?.status, attempts: attempts, error: lastError?.description ?? "")
    }

    /// A request already on its way is allowed to finish when the import is cancelled, so its
    /// outcome is known and written.
    private static func shielded<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await Task { await body() }.value
    }

    private static func signal(_ attempt: Attempt<Route>) -> SendGate.Signal {
        switch attempt {
        case .success: return .success
        case .retryable(let error), .unknown(let error), .rejected(let error):
            switch error.status {
            case 429: return .throttled(retryAfter: error.retryAfter)
            case 503: return .pushback
            default: return .neutral
            }
        }
    }
}

extension PendingRow.Action {
    var doneStatus: RowStatus {
        switch self {
        case .create: return .created
        case .update: return .updated
        }
    }
}
