import RouteModel

/// The rows an import's journal holds, in input order, read a page at a time so that an
/// import of any size costs one page of memory.
struct RecordedRows {
    private let journal: Journal
    private let dialect: Dialect
    private var page: [RecordedWrite] = []
    private var index = 0
    private var exhausted = false
    private static let pageSize = 1024

    init(journal: Journal, dialect: Dialect) {
        self.journal = journal
        self.dialect = dialect
    }

    mutating func next() throws(ImportError) -> RecordedWrite? {
        if index == page.count {
            guard !exhausted else { return nil }
            page = try journal.writes(after: page.last?.row ?? 0, limit: Self.pageSize, dialect: dialect, all: true)
            index = 0
            exhausted = page.count < Self.pageSize
            if page.isEmpty { return nil }
        }
        defer { index += 1 }
        return page[index]
    }
}
