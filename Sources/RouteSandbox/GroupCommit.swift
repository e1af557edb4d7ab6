import GRDB
import Synchronization

/// Writes that arrive while a transaction is being committed wait and go together in the next
/// one. Each commit appends whole pages to the WAL, so one commit for many creates, instead of one
/// each, is what lets the sandbox keep up with a concurrent importer. Every caller still returns
/// only once its own write is committed.
final class GroupCommit: Sendable {
    typealias Write = @Sendable (Database) throws -> Void

    private struct Waiting {
        let write: Write
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var committing = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    func perform(_ write: @escaping Write) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let startsCommitting = state.withLock { state in
                state.waiting.append(Waiting(write: write, continuation: continuation))
                defer { state.committing = true }
                return !state.committing
            }
            if startsCommitting { Task { await commitWhileWaiting() } }
        }
    }

    private func commitWhileWaiting() async {
        while true {
            let batch = state.withLock { state in
                defer { state.waiting = [] }
                if state.waiting.isEmpty { state.committing = false }
                return state.waiting
            }
            if batch.isEmpty { return }
            do {
                try await writer.write { db in
                    for waiting in batch { try waiting.write(db) }
                }
                for waiting in batch { waiting.continuation.resume() }
            } catch {
                // One write failed and rolled back the batch: give each its own transaction, so
                // only the failing one reports an error.
                for waiting in batch {
                    do {
                        try await writer.write { db in try waiting.write(db) }
                        waiting.continuation.resume()
                    } catch {
                        waiting.continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}
