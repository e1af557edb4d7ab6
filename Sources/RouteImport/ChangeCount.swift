/// How many rows of a file would get `status` — the changes `ChangeThreshold` weighs — counted
/// before anything is sent.
enum ChangeCount {
    /// A first run's: a pass that decides every row as a plan does, into `journal` (so no row is
    /// held in memory), which is emptied again afterwards.
    static func planned(_ rows: sending any RowDecisions, status: RowStatus, journal: Journal) async throws(ImportError) -> Int {
        let stop = StopSignal()
        let pump = Pump(rows: rows, sender: nil, journal: journal,
                        tally: Tally(maxErrors: nil, total: nil, progress: nil, stop: stop), stop: stop,
                        window: RowWindow(size: 1024))
        await Pump.runUntilDone(pump)
        switch stop.reason {
        case .fatal(let error): throw error
        case .interrupted?, .tooManyErrors?: throw .interrupted
        case nil: break
        }
        let changes = try journal.counts()[status] ?? 0
        try journal.clearRows()
        return changes
    }

    /// A resumed run's new ones: the rows it decides afresh (no final status then, or `invalid`
    /// and perhaps fixed since), counted as they come, since the journal keeps the earlier run's
    /// rows. Rows the earlier run may have sent were counted by it; a row fixed in the file after
    /// a refused or partial run was not, and must not slip by.
    static func resumed(_ rows: any RowDecisions, status: RowStatus) throws(ImportError) -> Int {
        var rows = rows
        var changes = 0
        while let decision = try rows.next() {
            if case .done(let result) = decision, result.status == status { changes += 1 }
        }
        return changes
    }
}
