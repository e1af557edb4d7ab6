/// What an undo is about to do, row by row, counted before anything is sent: what the question
/// on a terminal, the threshold and `--plan` go by.
public struct UndoCounts: Sendable, Equatable {
    /// Rows per status undo would give them now; deletes and restores as `to-delete` and `to-restore`.
    public var byStatus: [RowStatus: Int]

    /// What undo changes: `route`, or `number` for a numbers import's undo.
    public var noun = "route"

    public init(_ byStatus: [RowStatus: Int] = [:], noun: String = "route") {
        self.byStatus = byStatus
        self.noun = noun
    }

    public var deletes: Int { byStatus[.toDelete] ?? 0 }
    public var restores: Int { byStatus[.toRestore] ?? 0 }
    /// Routes undo would change: what the threshold counts.
    public var changes: Int { deletes + restores }

    /// `undo will delete 12 routes and restore 3; 1 drifted route left alone`, `undo will restore 1 route`.
    public var description: String {
        let restoring = deletes > 0 ? ImportSummary.grouped(restores) : things(restores)
        let actions = [deletes > 0 ? "delete \(things(deletes))" : nil, restores > 0 ? "restore \(restoring)" : nil]
            .compactMap { $0 }
        var text = "undo will " + (actions.isEmpty ? "send nothing" : actions.joined(separator: " and "))
        if let drifted = byStatus[.drifted], drifted > 0 {
            text += "; \(things(drifted, "drifted")) left alone"
        }
        return text
    }

    private func things(_ count: Int, _ kind: String = "") -> String {
        let prefix = kind.isEmpty ? "" : kind + " "
        return "\(ImportSummary.grouped(count)) \(prefix)\(noun)\(count == 1 ? "" : "s")"
    }
}
