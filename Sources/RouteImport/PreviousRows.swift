/// What an earlier run journaled, read in input order a page at a time as the rows come by,
/// so that resuming a file of any size holds one page in memory.
struct PreviousRows {
    private let journal: Journal?
    private var page: [(row: Int, state: JournalRow)] = []
    private var index = 0
    private var exhausted: Bool
    private static let pageSize = 2048

    /// - Parameter journal: `nil` on a first run: no row has a past.
    init(journal: Journal?) {
        self.journal = journal
        exhausted = journal == nil
    }

    /// The record of `row`; rows must be asked for in increasing order.
    mutating func state(of row: Int) throws(ImportError) -> JournalRow? {
        while true {
            while index < page.count, page[index].row < row { index += 1 }
            if index < page.count { return page[index].row == row ? page[index].state : nil }
            guard !exhausted, let journal else { return nil }
            let last = page.last?.row ?? 0
            page = try journal.rows(after: max(last, row - 1), limit: Self.pageSize)
            index = 0
            exhausted = page.count < Self.pageSize
            if page.isEmpty { return nil }
        }
    }
}
