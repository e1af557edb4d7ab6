/// What an undo is about to do, row by row, counted before anything is sent: what the question
/// on a terminal, the threshold and `--plan` go by.
public struct UndoCounts: Sendable, Equatable {
    /// Rows per status undo would give them now; deletes and restores as `to-delete` and `to-restore`.
    public var byStatus: [RowStatus: Int]

    public init(_ byStatus: [RowStatus: Int] = [:]) {
        self.byStatus = byStatus
    }

    public var deletes: Int { byStatus[.toDelete] ?? 0 }
    public var restores: Int { byStatus[.toRestore] ?? 0 }
    /// Routes undo would change: what the threshold counts.
    public var changes: Int { deletes + restores }

    /// `undo will delete 12 routes and restore 3; 1 drifted route left alone`.
    public var description: String {
        var text = "undo will delete \(Self.routes(deletes)) and restore \(ImportSummary.grouped(restores))"
        if let drifted = byStatus[.drifted], drifted > 0 {
            text += "; \(Self.routes(drifted, "drifted")) left alone"
        }
        return text
    }

    private static func routes(_ count: Int, _ kind: String = "") -> String {
        let prefix = kind.isEmpty ? "" : kind + " "
        return "\(ImportSummary.grouped(count)) \(prefix)\(count == 1 ? "route" : "routes")"
    }
}
