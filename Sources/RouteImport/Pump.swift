/// The import's main loop: pulls rows from the source, triages them, and sends those that need
/// a request, each in a child task, with reading held within the row window.
final class Pump {
    private let source: RowSource
    private var triage: RowTriage
    private let sender: RowSender?
    private let store: ResultStore
    private let tally: Tally
    private let stop: StopSignal
    private let window: RowWindow

    init(source: RowSource, triage: RowTriage, sender: RowSender?, store: ResultStore, tally: Tally,
         stop: StopSignal, window: RowWindow) {
        self.source = source
        self.triage = triage
        self.sender = sender
        self.store = store
        self.tally = tally
        self.stop = stop
        self.window = window
    }

    /// Returns when every row has a result. Once stopped (the task is cancelled), rows that would
    /// need a request are marked `unprocessed` instead, and reading goes on to the end so that
    /// every row of the file is in the results.
    func run() async {
        let (store, tally, stop, window) = (self.store, self.tally, self.stop, self.window)
        @Sendable func record(_ result: RowResult) async {
            do throws(ImportError) {
                try await store.record(result)
                tally.add(result.status)
            } catch {
                stop.trigger(.fatal(error))
            }
        }
        await withDiscardingTaskGroup { group in
            while true {
                if case .fatal = stop.reason { return }
                let row: RowSource.Row
                do throws(ImportError) {
                    guard let next = try source.next() else { return }
                    row = next
                } catch {
                    stop.trigger(.fatal(error))
                    return
                }
                switch triage.decide(row, previous: await store.status(ofRow: row.number)) {
                case .carriedOver:
                    tally.addCarriedOver()
                case .done(let result):
                    await record(result)
                case .send(let pending):
                    guard let sender, !Task.isCancelled else {
                        await record(pending.result(.unprocessed, attempts: 0))
                        continue
                    }
                    await window.take()
                    group.addTask {
                        await record(await sender.send(pending))
                        await window.give()
                    }
                }
            }
        }
    }
}
