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
        beside(path, "undo")
    }

    /// `routes.results.csv` → `routes.results.undo-plan.csv`: a plan never overwrites an undo's
    /// results or journal.
    public static func defaultPlanPath(forImportResults path: String) -> String {
        beside(path, "undo-plan")
    }

    /// `NAME.EXT` → `NAME.SUFFIX.EXT`, or `NAME.SUFFIX.csv` for a name without an extension.
    private static func beside(_ path: String, _ suffix: String) -> String {
        let (stem, ext) = FileName.split(path)
        return stem + "." + suffix + (ext ?? ".csv")
    }
}
