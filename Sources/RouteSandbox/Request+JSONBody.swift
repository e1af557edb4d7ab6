import Hummingbird
import RouteModel

extension Request {
    /// The body parsed as JSON, at most `context.maxUploadSize` bytes (413 beyond); malformed
    /// JSON is a 400 that says what was wrong.
    mutating func jsonBody(context: SandboxContext) async throws -> JSON {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        do {
            return try JSON(parsing: buffer.readableBytesView)
        } catch let error as JSONParseError {
            throw SandboxError.malformedJSON(error.description)
        }
    }
}
