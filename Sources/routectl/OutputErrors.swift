import ArgumentParser
import RouteClient
import RouteModel

/// A reason to stop a command, with the exit status product.md gives it.
struct CommandFailure: Error, CustomStringConvertible {
    let status: ExitStatus
    let description: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.description = message
    }
}

/// Runs a command's work, printing any failure as `routectl: <message>` on stderr and ending
/// with its exit status: 64 for what the person typed, 3 for what blocks every request
/// (credentials, an unreachable server, the config file), 1 for a request the service refused.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let failure as CommandFailure {
        try fail(failure.status, failure.description)
    } catch let error as ClientError {
        try fail(error.exitStatus, error.description)
    } catch let error as FieldError {
        try fail(.usage, error.description)
    } catch let error as ProfileStoreError {
        try fail(.fatal, error.description)
    } catch {
        try fail(.partialFailure, String(describing: error))
    }
}

private func fail(_ status: ExitStatus, _ message: String) throws -> Never {
    Terminal.printError("routectl: " + message)
    throw ExitCode(status.rawValue)
}
