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

    /// Never throws: a cancelled row comes back `unprocessed`, saying whether it may have been applied.
    func send(_ row: PendingRow) async -> RowResult {
        let repeatability: Repeatability = switch row.action {
        case .create: service.dialect.createRepeatability
        case .update: .idempotent
        }
        let outcome = await RetryExecutor(policy: policy).run(
            repeatability, sentBefore: row.sentBefore.map(Self.instant)
        ) { _ async throws(CancellationError) in
            let ticket: SendGate.Ticket
            do { ticket = try await gate.acquire() } catch { throw CancellationError() }
            let answered = await Self.shielded { await perform(row) }
            await gate.release(ticket, Self.signal(answered.attempt))
            return answered
        } settle: { endedAt in
            switch await settler.settle(key: row.key, notBefore: endedAt + settleDelay) {
            case .applied(let id): return .applied(Self.found(id, row: row))
            case .absent: return .absent
            case .failed(let error): return .failed(error)
            case .cancelled: return .cancelled
            }
        }
        switch outcome.end {
        case .success(let route):
            let id = route.id ?? (route.key ?? row.key)
            if claimsCreatedIDs, case .create = row.action, !outcome.settledByLookup { await settler.claim(id) }
            let note = outcome.settledByLookup ? Self.settledNote(row, outcome) : ""
            return row.result(row.action.doneStatus, id: id, httpStatus: outcome.status, attempts: outcome.attempts, note: note)
        case .failure(let error):
            return row.result(.failed, httpStatus: error.status ?? outcome.status, attempts: outcome.attempts,
                              error: error.description, note: Self.unknownNote(outcome.mayHaveApplied),
                              mayHaveApplied: outcome.mayHaveApplied)
        case .cancelled(let lastError):
            return row.result(.unprocessed, httpStatus: lastError?.status, attempts: outcome.attempts,
                              error: lastError?.description ?? "", note: Self.unknownNote(outcome.mayHaveApplied),
                              mayHaveApplied: outcome.mayHaveApplied)
        }
    }

    /// A wall-clock time from the journal on this process's clock; never in the future.
    private static func instant(_ secondsSince1970: Double) -> ContinuousClock.Instant {
        let ago = Duration.checkedSeconds(Date().timeIntervalSince1970 - secondsSince1970, within: 0...86_400 * 365)
        return ContinuousClock.now - (ago ?? .zero)
    }

    private func perform(_ row: PendingRow) async -> Answered<Route> {
        switch row.action {
        case .create: return await service.createOnce(row.route)
        case .update(let id): return await service.updateOnce(id: id, changes: row.route)
        }
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

    private static func unknownNote(_ mayHaveApplied: Bool) -> String {
        mayHaveApplied ? "may have been applied: --resume looks it up by name before sending again" : ""
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
            case 502, 503, 504: return .pushback
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
