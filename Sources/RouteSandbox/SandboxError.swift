import Hummingbird
import RouteModel

/// Any answer other than success. Handlers and middleware throw it; `ErrorMiddleware` renders it
/// in the error shape of the API the request was for.
struct SandboxError: Error, Sendable {
    var status: HTTPResponse.Status
    var body: APIErrorBody
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.body = APIErrorBody(title: title ?? status.reasonPhrase, detail: detail)
        self.headers = headers
    }

    /// 400 with one entry per field, keyed by field name, in the order found.
    static func validation(_ problems: [FieldError]) -> SandboxError {
        validation(problems.map { (field: $0.field ?? "", message: $0.message) })
    }

    /// 400 with one entry per field, for messages worded as the service words them.
    static func validation(_ problems: [(field: String, message: String)]) -> SandboxError {
        var grouped: [(field: String, messages: [String])] = []
        for problem in problems {
            if let index = grouped.firstIndex(where: { $0.field == problem.field }) {
                grouped[index].messages.append(problem.message)
            } else {
                grouped.append((problem.field, [problem.message]))
            }
        }
        var error = SandboxError(.badRequest, title: "One or more validation errors occurred.")
        error.body.fieldErrors = grouped
        return error
    }

    static func malformedJSON(_ reason: String) -> SandboxError {
        var error = SandboxError(.badRequest, title: "One or more validation errors occurred.")
        error.body.fieldErrors = [("", [reason])]
        return error
    }

    static let unauthorized = SandboxError(.unauthorized, title: "Unauthorized")

    static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> SandboxError {
        SandboxError(.methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }
}
