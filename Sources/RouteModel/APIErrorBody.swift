/// What a service said when it refused a request, from any of the error shapes it uses:
/// Telegent's RFC 7807 body (`Title`, `Detail`, `Errors` keyed `$.Field`), the seed's simpler
/// `{"StatusCode", "Message"}`, and Flowroute v2's `{"errors": [{"title", "detail"}]}`.
public struct APIErrorBody: Sendable, Equatable {
    public var title: String?
    public var detail: String?
    /// Field errors with the `$.` prefix removed, in the order the service sent them.
    public var fieldErrors: [(field: String, messages: [String])]

    public init(title: String? = nil, detail: String? = nil, fieldErrors: [(field: String, messages: [String])] = []) {
        self.title = title
        self.detail = detail
        self.fieldErrors = fieldErrors
    }

    public static func == (lhs: APIErrorBody, rhs: APIErrorBody) -> Bool {
        lhs.title == rhs.title && lhs.detail == rhs.detail
            && lhs.fieldErrors.map(\.field) == rhs.fieldErrors.map(\.field)
            && lhs.fieldErrors.map(\.messages) == rhs.fieldErrors.map(\.messages)
    }

    /// Reads any known error shape; `nil` when the body says nothing useful (e.g. Flowroute's `{}`).
    public init?(json: JSON) {
        if let first = json["errors"]?.arrayValue?.first {
            self.init(title: first["title"]?.stringValue, detail: first["detail"]?.stringValue)
            return
        }
        var body = APIErrorBody(
            title: json.first("Title", "title")?.stringValue,
            detail: json.first("Detail", "detail", "Message", "message")?.stringValue)
        for (key, value) in json.first("Errors", "errors")?.objectMembers ?? [] {
            let field = key.hasPrefix("$.") ? String(key.dropFirst(2)) : key
            let messages = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
            body.fieldErrors.append((field, messages))
        }
        if body.title == nil && body.detail == nil && body.fieldErrors.isEmpty { return nil }
        self = body
    }

    /// One line for a person: the field errors when there are any (`RouteType: must be one of …`),
    /// otherwise the detail, otherwise the title.
    public var summary: String {
        if !fieldErrors.isEmpty {
            return fieldErrors.map { "\($0.field): \($0.messages.joined(separator: "; "))" }.joined(separator: "; ")
        }
        return detail ?? title ?? ""
    }

    /// Telegent's RFC 7807 shape, as the sandbox answers.
    public func telegentJSON(status: Int, traceID: String) -> JSON {
        var members: [(String, JSON)] = [
            ("Type", .string(Self.problemType(status))),
            ("Title", .string(title ?? "")),
            ("Status", .int(status)),
        ]
        if let detail { members.append(("Detail", .string(detail))) }
        if !fieldErrors.isEmpty {
            // An empty field means the body as a whole (`$`), as for malformed JSON.
            members.append(("Errors", .object(fieldErrors.map {
                ($0.field.isEmpty ? "$" : "$.\($0.field)", .array($0.messages.map(JSON.string)))
            })))
        }
        members.append(("TraceId", .string(traceID)))
        return .object(members)
    }

    /// Flowroute v2's JSON:API error shape.
    public func flowrouteJSON(status: Int, id: String) -> JSON {
        var error: [(String, JSON)] = [("id", .string(id)), ("status", .int(status)), ("title", .string(title ?? ""))]
        if let detail { error.append(("detail", .string(detail))) }
        return .object([("errors", .array([.object(error)]))])
    }

    private static func problemType(_ status: Int) -> String {
        let sections = [400: "6.5.1", 403: "6.5.3", 404: "6.5.4", 405: "6.5.5", 408: "6.5.7", 409: "6.5.8",
                        413: "6.5.11", 415: "6.5.13", 500: "6.6.1", 503: "6.6.4", 504: "6.6.5"]
        if status == 401 { return "https://tools.ietf.org/html/rfc7235#section-3.1" }
        if status == 429 { return "https://tools.ietf.org/html/rfc6585#section-4" }
        return "https://tools.ietf.org/html/rfc7231#section-" + (sections[status] ?? "6.6.1")
    }
}

extension APIErrorBody {
    /// The same body with `text` replaced in every message, e.g. a secret a server echoed.
    public func replacingOccurrences(of text: String, with replacement: String) -> APIErrorBody {
        func replaced(_ message: String) -> String { message.replacingOccurrences(of: text, with: replacement) }
        return APIErrorBody(title: title.map(replaced), detail: detail.map(replaced),
                            fieldErrors: fieldErrors.map { ($0.field, $0.messages.map(replaced)) })
    }
}
