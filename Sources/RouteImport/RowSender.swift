import Foundation
import RouteClient
import RouteModel

/// Takes one row to a final answer through the one retry executor: each attempt goes through
/// the gate, an unknown create is settled by name after the settle delay, and the result says
/// what became of the row and how that was learned.
struct RowSender: Sendable {
    let service: any RouteService
    let gate: SendGate
    let settler: Settler
    let policy: RetryPolicy
    /// How long after sending an unknown create to look it up.
    let settleDelay: Duration
    /// Under `--on-existing create` several rows may share a name, so every id created is claimed.
    let claimsCreatedIDs: Bool
    /// Hears of retries and lookups, for the progress line.
    let tally: Tally
    /// Where the pump's workers and their requests run.
    let loop = RequestLoop()

    /// Never throws: a cancelled row comes back `unprocessed`, saying whether it may have been applied.
    /// `waits` hears when the row starts and stops waiting for a retry or a lookup.
    func send(_ row: PendingRow, waits: (_ starts: Bool) -> Void = { _ in }) async -> RowResult {
        let repeatability: Repeatability = switch row.action {
        case .create: service.dialect.createRepeatability
        case .update, .delete, .assign: .idempotent
        }
        // The executor counts the settle delay from an attempt's end; for a row an earlier run sent,
        // that end is placed so that the lookup comes no sooner than the journal says.
        var attempts = 0
        let outcome = await RetryExecutor(policy: policy).run(
            repeatability, sentBefore: row.settleAt.map { Self.instant($0) - settleDelay }, waits: waits
        ) { mayHaveApplied async throws(CancellationError) in
            attempts += 1
            if attempts > 1 { tally.addRetry() }
            let ticket: SendGate.Ticket
            do { ticket = try await gate.acquire() } catch { throw CancellationError() }
            // What the request needs before it can leave (a token) is waited for outside the
            // shield: until it leaves, a stop has nothing to wait for.
            await service.prepare(toSend: row.action.kind)
            if Task.isCancelled {
                gate.release(ticket, .neutral)
                throw CancellationError()
            }
            let answered = await shielded { await perform(row, mayHaveApplied: mayHaveApplied) }
            let load = signal(answered.attempt)
            gate.release(ticket, load)
            if case .throttled(retryAfter: .some) = load, let until = gate.pausedUntil { tally.paused(until: until) }
            return answered
        } settle: { endedAt in
            tally.awaitingLookup(1)
            defer { tally.awaitingLookup(-1) }
            switch await settler.settle(key: row.key, notBefore: endedAt + settleDelay) {
            case .applied(let id): return .applied(Self.found(id, row: row))
            case .absent: return .absent
            case .failed(let error): return .failed(error)
            case .cancelled: return .cancelled
            }
        }
        switch outcome.end {
        case .success(let route):
            let id = if case .assign(let assignment) = row.action { assignment.to.primary ?? "" } else { route.id ?? (route.key ?? row.key) }
            if claimsCreatedIDs, case .create = row.action, !outcome.settledByLookup { await settler.claim(id) }
            let note = outcome.settledByLookup ? Self.settledNote(row, outcome) : ""
            // A route found by name is one of the unknown creates: the others may still be extra.
            let extra = creates(outcome, row) - (outcome.settledByLookup ? 1 : 0)
            return row.result(row.doneStatus, id: id, httpStatus: outcome.status, attempts: outcome.attempts,
                              note: RowResult.notes(row.note, note), createsUnknown: max(0, extra))
        case .failure(let error) where error.status == 404 && row.action.isDelete:
            // The route went between the listing and the delete: nothing left to take back.
            return row.result(.gone, id: row.action.target ?? "", httpStatus: 404, attempts: outcome.attempts,
                              note: "deleted by someone else after undo listed the account")
        case .failure(let error):
            // An update or delete failed on a known route: its id stays in the result.
            return row.result(.failed, id: row.action.target ?? "", httpStatus: error.status ?? outcome.status, attempts: outcome.attempts,
                              error: error.description, note: RowResult.notes(row.note, Self.unknownNote(row, outcome.mayHaveApplied)),
                              mayHaveApplied: outcome.mayHaveApplied, settleAt: settleAt(outcome), createsUnknown: creates(outcome, row))
        case .cancelled(let lastError):
            return row.result(.unprocessed, id: row.action.target ?? "", httpStatus: lastError?.status, attempts: outcome.attempts,
                              error: lastError?.description ?? "", note: RowResult.notes(row.note, Self.unknownNote(row, outcome.mayHaveApplied)),
                              mayHaveApplied: outcome.mayHaveApplied, settleAt: settleAt(outcome), createsUnknown: creates(outcome, row))
        }
    }

    /// A wall-clock time from the journal on this process's clock, at most a day ahead.
    private static func instant(_ secondsSince1970: Double) -> ContinuousClock.Instant {
        let offset = secondsSince1970 - Date().timeIntervalSince1970
        let ahead = Duration.checkedSeconds(max(0, offset), within: 0...86_400) ?? .seconds(86_400)
        let ago = Duration.checkedSeconds(max(0, -offset), within: 0...86_400 * 365) ?? .zero
        return ContinuousClock.now + ahead - ago
    }

    /// When a later run may look the row up: now (the attempt has ended) plus the settle delay.
    private func settleAt(_ outcome: RetryExecutor.Outcome<Route>) -> Double? {
        outcome.mayHaveApplied ? Date().timeIntervalSince1970 + settleDelay.inSeconds : nil
    }

    /// Creates of this row that may have made a route nobody answered for: this run's, and the
    /// one an earlier run had in flight when it stopped without recording its end.
    private func creates(_ outcome: RetryExecutor.Outcome<Route>, _ row: PendingRow) -> Int {
        guard case .create = row.action else { return 0 }
        return outcome.unknownAttempts + row.unrecordedCreates
    }

    private func perform(_ row: PendingRow, mayHaveApplied: Bool) async -> Answered<Route> {
        switch row.action {
        case .create: return await service.createOnce(row.route)
        case .update(let id): return await service.updateOnce(id: id, changes: row.route)
        case .delete(let id):
            return Self.carrying(row.route, await service.deleteOnce(id: id, mayHaveApplied: mayHaveApplied))
        case .assign(let assignment):
            return Self.carrying(row.route, await service.assignOnce(assignment.number, to: assignment.to))
        }
    }

    /// An answer whose success carries nothing the row needs, as one that carries `route`.
    private static func carrying<T>(_ route: Route, _ answered: Answered<T>) -> Answered<Route> {
        let attempt: Attempt<Route> = switch answered.attempt {
        case .success: .success(route)
        case .rejected(let error): .rejected(error)
        case .retryable(let error): .retryable(error)
        case .unknown(let error): .unknown(error)
        }
        return Answered(attempt, status: answered.status)
    }

    /// The route a lookup found for the row: its id under the row's name.
    private static func found(_ id: String, row: PendingRow) -> Route {
        var route = row.route
        route[route.schema.idField] = .string(id)
        return route
    }

    private static func settledNote(_ row: PendingRow, _ outcome: RetryExecutor.Outcome<Route>) -> String {
        outcome.attempts == 0
            ? "found by name: sent by an earlier run that stopped before its answer"
            : "found by name after an answer was lost"
    }

    private static func unknownNote(_ row: PendingRow, _ mayHaveApplied: Bool) -> String {
        guard mayHaveApplied else { return "" }
        return switch row.action {
        case .create: "may have been applied: --resume looks it up by name before sending again"
        case .update, .delete, .assign: "may have been applied: --resume sends it again, which is harmless"
        }
    }

    /// A request already on its way is allowed to finish when the import is cancelled, so its
    /// outcome is known and written.
    private func shielded<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await Task(executorPreference: loop) { await body() }.value
    }

    /// What an answer says about load; a 429's pause is held to the policy's cap like any wait.
    private func signal(_ attempt: Attempt<Route>) -> SendGate.Signal {
        switch attempt {
        case .success: return .success
        case .retryable(let error), .unknown(let error), .rejected(let error):
            switch error.status {
            case 429: return .throttled(retryAfter: error.retryAfter.map { min($0, policy.maxRetryAfter) })
            // Only 429 speaks for the whole account. A 5xx may come from one busy instance or a
            // gateway, and halving the window on each collapses it under a steady few per cent of
            // them while slow requests hold the little that is left; a 503's Retry-After still
            // spaces that row's own retry.
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
        case .delete: return .deleted
        case .assign: return .assigned
        }
    }

    var kind: WriteKind {
        switch self {
        case .create: return .create
        case .update: return .update
        case .delete: return .delete
        case .assign: return .assign
        }
    }

    var isDelete: Bool {
        if case .delete = self { return true }
        return false
    }

    /// The id of the route the request is for (an assignment's primary); `nil` for a create.
    var target: String? {
        switch self {
        case .create: return nil
        case .update(let id), .delete(let id): return id
        case .assign(let assignment): return assignment.to.primary
        }
    }
}
