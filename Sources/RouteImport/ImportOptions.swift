import RouteCSV
import RouteClient
import RouteModel

/// What to do with a row whose name is already a route in the account.
public enum OnExisting: String, Sendable, CaseIterable {
    /// Leave the route alone and report it as `exists` with its id.
    case skip
    /// Send the fields of the row that differ from the route as listed, as a partial update;
    /// a row with no difference is `unchanged` and sends nothing.
    case update
    /// Create another route with the same name (the only mode that allows duplicates, on purpose).
    case create
}

/// Everything `import` may be asked to do differently; the defaults are product.md's.
public struct ImportOptions: Sendable {
    /// Where results go; `nil` means `NAME.results.csv` beside the input.
    public var resultsPath: String?
    /// The most requests in flight at once.
    public var concurrency = 16
    public var dryRun = false
    /// Compare every row with the account and send nothing: each row is what an import with
    /// the same options would do (`to-create`, `to-update` with its changes, `unchanged`, …).
    public var plan = false
    /// How many existing routes an `--on-existing update` import may change before it refuses.
    public var threshold = ChangeThreshold()
    /// Under `--plan`, also given each result as JSON, in input order, with its index.
    public var planJSON: (@Sendable (_ index: Int, _ result: JSON) -> Void)?
    public var resume = false
    public var onExisting = OnExisting.skip
    /// Stop sending once more rows than this have failed or are invalid.
    public var maxErrors: Int?
    /// Requests per second, at most.
    public var rate: Double?
    public var includeInput = false
    /// How long after sending a create whose outcome is unknown to look it up by name; `nil`
    /// means the client's default, three request timeouts.
    public var settleDelay: Duration?
    /// Delete the duplicates that verification proves this import made.
    public var repair = false
    /// `nil` is `,`, or `;` or tab when the header only splits on one of them.
    public var delimiter: UInt8?
    /// Header names of columns to skip, each of which must be in the header.
    public var ignoredColumns: [String] = []
    /// What a CSV file's bytes are, unless a byte order mark says otherwise.
    public var encoding = TextEncoding.utf8
    /// The sheet of an .xlsx workbook; `nil` is the first one.
    public var sheet: String?
    /// `--from`: the provider whose routes CSV the input is, translated to the account's provider.
    public var from: Provider?

    public init() {}

    /// Where a run on the file at `input` writes its results: `--results`, else `NAME.results.csv`
    /// (a plan's `NAME.plan.csv`) beside the input.
    public func resultsPath(forInput input: String) -> String {
        resultsPath ?? (plan ? Self.defaultPlanPath(forInput: input) : Self.defaultResultsPath(forInput: input))
    }

    /// `routes.csv` → `routes.results.csv`, beside the input.
    public static func defaultResultsPath(forInput path: String) -> String {
        FileName.split(path).stem + ".results.csv"
    }

    /// `routes.csv` → `routes.plan.csv`: a plan never overwrites an import's results or journal.
    public static func defaultPlanPath(forInput path: String) -> String {
        FileName.split(path).stem + ".plan.csv"
    }
}
