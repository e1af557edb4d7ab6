import Foundation
import RouteCSV
import RouteClient
import RouteImport
import RouteModel
import RouteSandbox

/// A sandbox on an ephemeral loopback port, a client for it and a temporary directory for the
/// input and result files; every test gets its own.
struct ImportHarness: Sendable {
    static let account = SandboxAccount(key: "DID-IMPORT", secret: "import-secret")

    let sandbox: Sandbox
    let service: any RouteService
    let directory: String
    let dialect: Dialect

    static func start(
        _ dialect: Dialect = .telegent, concurrency: Int = 16, requestTimeout: Duration = .seconds(30),
        _ configure: (inout SandboxOptions) -> Void = { _ in }
    ) async throws -> ImportHarness {
        var options = SandboxOptions()
        options.accounts = [account]
        configure(&options)
        let sandbox = try await Sandbox.start(options)
        let endpoint = Endpoint(dialect: dialect, baseURL: sandbox.baseURL(dialect), accountKey: account.key,
                                accountSecret: account.secret)
        let service = makeRouteService(endpoint, options: ClientOptions(concurrency: concurrency, requestTimeout: requestTimeout))
        let directory = NSTemporaryDirectory() + "routectl-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return ImportHarness(sandbox: sandbox, service: service, directory: directory, dialect: dialect)
    }

    func stop() async {
        await service.shutdown()
        await sandbox.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes `text` as a file in the test's directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importFile(
        _ path: String, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(20), maxDelay: .seconds(1)),
        _ configure: (inout ImportOptions) -> Void = { _ in }
    ) async throws -> ImportSummary {
        var options = ImportOptions()
        configure(&options)
        let importer = Importer(inputPath: path, dialect: dialect, options: options,
                                service: options.dryRun ? nil : service, retry: retry)
        return try await importer.run()
    }

    /// The result file's lines as header → cell maps, in file order.
    func results(_ path: String) throws -> [[String: String]] {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next().map(Array.init) else { return [] }
        var rows: [[String: String]] = []
        while let record = try reader.next() {
            rows.append(Dictionary(zip(header, Array(record)), uniquingKeysWith: { first, _ in first }))
        }
        return rows
    }

    /// The routes on the server, by name, each with every id that name has.
    func serverRoutes() async throws -> [String: [String]] {
        var byName: [String: [String]] = [:]
        for route in try await service.list() { byName[route.key ?? "", default: []].append(route.id ?? "") }
        return byName
    }
}

/// `RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1` and `count` valid Trunk rows.
func trunkCSV(_ rows: Range<Int>, prefix: String = "route") -> String {
    var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
    for index in rows {
        text += "\(prefix)-\(index),Trunk,10.0.\(index / 250 % 250).\(index % 250 + 1),5061,UDP\n"
    }
    return text
}
