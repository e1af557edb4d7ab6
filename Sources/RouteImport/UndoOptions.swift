import RouteModel

/// Everything `undo` may be asked to do differently.
public struct UndoOptions: Sendable {
    /// Where the undo's results go; `nil` means `NAME.undo.csv` beside the import's results.
    public var resultsPath: String?
    /// The most requests in flight at once.
    public var concurrency = 16
    /// Requests per second, at most.
    public var rate: Double?
    /// Say what undo would do, and change nothing.
    public var plan = false
    /// Under `--plan`, also given each result as JSON, in input order, with its index.
    public var planJSON: (@Sendable (_ index: Int, _ result: JSON) -> Void)?
    public var resume = false
    /// How many routes undo may delete and restore before it refuses (`--max-changes`, `--force`).
    public var threshold = ChangeThreshold()

    public init() {}

    /// `routes.results.csv` → `routes.results.undo.csv`, beside it.
    public static func defaultResultsPath(forImportResults path: String) -> String {
        beside(path, suffix: "undo")
    }

    /// `routes.results.csv` → `routes.results.undo-plan.csv`: a plan never overwrites an undo's
    /// results or journal.
    public static func defaultPlanPath(forImportResults path: String) -> String {
        beside(path, suffix: "undo-plan")
    }

    private static func beside(_ path: String, suffix: String) -> String {
        let slash = path.lastIndex(of: "/")
        let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
        if let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart {
            return path[..<dot] + "." + suffix + path[dot...]
        }
        return path + "." + suffix + ".csv"
    }
}
