/// The send queue's decisions as a state machine: which journaled row goes to which worker, when
/// another worker must start, and when the reader may journal more. No tasks and no locks of its
/// own: `SendQueue` carries out what it says.
///
/// Workers start only as needed: as many as the send gate lets in flight, plus one for each row
/// that holds its worker through a retry's back-off or a lookup's wait, so that such a row never
/// leaves a slot of the gate unused. Fewer workers than rows in the window means none queues at
/// the gate (each queued worker costs a suspension and a wake-up per row).
///
/// Rows wait here journaled but unsent, so at most about two batches may: whatever an import
/// journaled and never sent before a crash is looked up by name when it is resumed.
struct SendQueueState<Row, Worker> {
    /// Workers that may be sending or waiting at the gate at once: the gate's ceiling.
    let sending: Int
    /// Workers that may exist at all: the row window's size.
    let most: Int
    /// How many rows the reader journals at a time.
    let batch: Int

    private var rows = FIFO<Row>()
    private var idle = FIFO<Worker>()
    private(set) var workers = 0
    /// Workers whose row waits for a retry or a lookup, holding no slot of the gate.
    private(set) var waiting = 0
    private(set) var finished = false

    init(sending: Int, most: Int, batch: Int) {
        self.sending = max(1, sending)
        self.most = max(1, most)
        self.batch = max(1, batch)
    }

    /// Rows handed to idle workers; the rest are queued.
    mutating func push(_ rows: [Row]) -> [(Worker, Row)] {
        var handed: [(Worker, Row)] = []
        for row in rows {
            if let worker = idle.popFirst() { handed.append((worker, row)) } else { self.rows.append(row) }
        }
        return handed
    }

    enum Next {
        case row(Row)
        /// Wait to be handed a row.
        case wait
        /// Nothing more will come: the worker ends.
        case end
    }

    /// The next queued row for a worker that asks, if there is one.
    mutating func take() -> Row? {
        rows.popFirst()
    }

    /// A worker asks for its next row; on `.wait` it is kept as idle.
    mutating func next(_ worker: Worker) -> Next {
        if let row = take() { return .row(row) }
        if finished { return .end }
        idle.append(worker)
        return .wait
    }

    /// The row a worker holds starts (`true`) or stops waiting for a retry or a lookup.
    mutating func rowWaits(_ starts: Bool) {
        waiting += starts ? 1 : -1
    }

    /// Rows journaled and waiting for a worker.
    var queued: Int { rows.count }

    /// Workers to start now so that queued rows find one, counted as started.
    mutating func workersToStart() -> Int {
        let count = max(0, min(queued, sending + waiting - workers, most - workers))
        workers += count
        return count
    }

    /// No worker will ever be wanted again: the input has ended and every row has a worker.
    /// Until then a row that starts waiting for a retry or a lookup may still need one started.
    var isDrained: Bool { finished && queued == 0 }

    /// Whether the reader may journal another batch: less than one is still waiting to be sent.
    var hasRoom: Bool { queued < batch }

    /// No more rows: the idle workers, to be told to end.
    mutating func finish() -> [Worker] {
        finished = true
        var ended: [Worker] = []
        while let worker = idle.popFirst() { ended.append(worker) }
        return ended
    }
}

extension SendQueueState.Next: Equatable where Row: Equatable {}
