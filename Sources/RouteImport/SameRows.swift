/// `--resume` and `--verify` go by row numbers, so the file must hold the rows the journal
/// records, key by key: an edited file would pair results with the wrong routes or numbers.
enum SameRows {
    static func check(
        _ inputPath: String, journal: Journal, afresh: String, nextKey: () throws(ImportError) -> (number: Int, key: String)?
    ) throws(ImportError) {
        var previous = PreviousRows(journal: journal)
        var rows = 0
        while let (number, key) = try nextKey() {
            rows = number
            if let recorded = try previous.state(of: number), recorded.key != key {
                throw .usage("""
                    \(inputPath) has changed since the run that \(journal.path) records: row \(number) is "\(key)" now \
                    but was "\(recorded.key)" then. --resume and --verify need the same file; without --resume a new \
                    import starts, and \(afresh)
                    """)
            }
        }
        let recorded = try journal.lastRow()
        guard recorded <= rows else {
            throw .usage("""
                \(inputPath) has \(rows) rows but the run that \(journal.path) records had \(recorded): \
                --resume and --verify need the same file
                """)
        }
    }
}
