import Hummingbird

/// Refuses bodies the APIs would refuse before reading them: a declared length over the upload
/// limit (413) and a content type that is not JSON (415). A missing content type is accepted, as
/// lenient clients omit it.
struct BodyPolicyMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw SandboxError(.contentTooLarge, detail: "The request body is larger than \(context.maxUploadSize) bytes.",
                               headers: [.connection: "close"])
        }
        if let contentType = request.headers[.contentType], !Self.isJSON(contentType) {
            throw SandboxError(.unsupportedMediaType, detail: "Send the body as application/json.")
        }
        return try await next(request, context)
    }

    /// `application/json`, `application/vnd.api+json` and other `+json` types, any parameters.
    static func isJSON(_ contentType: String) -> Bool {
        if contentType == "application/json" || contentType.hasPrefix("application/json;") { return true }
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
