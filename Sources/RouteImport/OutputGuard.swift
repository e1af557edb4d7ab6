import Foundation

/// What a run must never write over: another run's journal; for an import, any file but an
/// earlier run's results; for a plan, another run's results; for an undo, anything but an earlier
/// undo's results. An import replaces its own earlier results and journal (`--results` names
/// them, and never its input); a plan writes only its own
/// file, whatever `--results` says. An undo reads the import's journal, which does not say where
/// the import's input is, so an existing file is taken to be an earlier undo's only when an
/// undo's journal is beside it: an import's results, journal or input is never lost to it.
enum OutputGuard {
    enum Run { case importing, planning, undoing }

    static func refuse(results: String, run: Run) throws(ImportError) {
        if isJournal(results) {
            throw .usage("\(results) is the journal of an import or undo: the results would overwrite it; "
                + "give --results another path")
        }
        let journal = Journal.path(forResults: results)
        switch run {
        case .importing:
            // An earlier run's results have their journal beside them; any other file is not ours to replace.
            if access(results, F_OK) == 0, access(journal, F_OK) != 0, access(journal + ".new", F_OK) != 0 {
                throw .usage("\(results) exists and is not the results of an earlier run (no journal is beside it): "
                    + "an import writes over no other file; give --results another path, or remove it")
            }
        case .planning:
            if access(journal, F_OK) == 0 {
                throw .usage("\(results) holds the results of an import or undo (its journal is beside it): "
                    + "a plan does not write over them; give --results another path")
            }
        case .undoing:
            if access(results, F_OK) == 0, !Journal.isUndo(path: journal) {
                throw .usage("\(results) exists and is not the results of an earlier undo (an undo's journal is not beside it): "
                    + "an undo writes over no other file, such as an import's results or input; give --results another path")
            }
        }
    }

    /// Whether the file at `path` is a journal: an SQLite database, whatever its name.
    private static func isJournal(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        return (try? file.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}
