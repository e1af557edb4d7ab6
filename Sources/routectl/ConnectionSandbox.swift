import RouteClient
import RouteModel
import RouteSandbox
import Synchronization

/// The sandbox routectl starts in-process when no service is configured. It is started once per
/// process, because the shell runs many commands, and announced once on stderr so that nobody
/// mistakes its routes for real ones.
enum EmbeddedSandbox {
    private static let started = Mutex<Task<Sandbox, any Error>?>(nil)

    static func endpoint(_ dialect: Dialect, announce: Bool) async throws -> Endpoint {
        let task = started.withLock { task in
            if let task { return task }
            let starting = Task {
                let sandbox = try await Sandbox.startEmbedded(environment: Environment.all)
                if announce {
                    let database = Sandbox.embeddedDatabasePath(environment: Environment.all)
                    Terminal.printError("routectl: using the local sandbox at \(sandbox.baseURL(.telegent).origin) (data in \(database))")
                }
                return sandbox
            }
            task = starting
            return starting
        }
        let sandbox: Sandbox
        do {
            sandbox = try await task.value
        } catch {
            started.withLock { $0 = nil }
            throw CommandFailure(.fatal, "the local sandbox could not start: \(error)")
        }
        guard let account = sandbox.defaultAccount ?? sandbox.accounts.first else {
            throw CommandFailure(.fatal, "the local sandbox has no account")
        }
        return Endpoint(dialect: dialect, baseURL: sandbox.baseURL(dialect), accountKey: account.key, accountSecret: account.secret)
    }
}

private extension String {
    /// `http://127.0.0.1:8080` from `http://127.0.0.1:8080/v1.0`.
    var origin: String {
        guard let schemeEnd = range(of: "://") else { return self }
        return String(self[..<schemeEnd.upperBound]) + self[schemeEnd.upperBound...].prefix { $0 != "/" }
    }
}
