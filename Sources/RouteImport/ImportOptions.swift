import RouteCSV
import RouteClient

/// What to do with a row whose name is already a route in the account.
public enum OnExisting: String, Sendable, CaseIterable {
    /// Leave the route alone and report it as `exists` with its id.
    case skip
    /// Send the row's fields as a partial update of that route.
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

    /// `routes.csv` → `routes.results.csv`, beside the input.
    public static func defaultResultsPath(forInput path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
        if let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart {
            return path[..<dot] + ".results.csv"
        }
        return path + ".results.csv"
    }
}
