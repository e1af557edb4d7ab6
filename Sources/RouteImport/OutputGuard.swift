import Foundation

/// What a run must never write over: another run's journal, and — for a plan — another run's
/// results. An import or undo replaces its own earlier results and journal (`--results` names
/// them); a plan writes only its own file, whatever `--results` says.
enum OutputGuard {
    static func refuse(results: String, plan: Bool) throws(ImportError) {
        if isJournal(results) {
            throw .usage("\(results) is the journal of an import or undo: the results would overwrite it; "
                + "give --results another path")
        }
        if plan, access(Journal.path(forResults: results), F_OK) == 0 {
            throw .usage("\(results) holds the results of an import or undo (its journal is beside it): "
                + "a plan does not write over them; give --results another path")
        }
    }

    /// Whether the file at `path` is a journal: an SQLite database, whatever its name.
    private static func isJournal(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        return (try? file.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}
