/// One stored route: the body the API answers with, plus what it must never show.
/// The body is the wire JSON, so reads return it without decoding; the field catalog stays the
/// only schema (no column per field).
struct RouteRecord: Sendable, Equatable {
    /// The id the API addresses the route by: `CRID-…`, a v1 route name, a v2 number.
    var id: String
    /// The route's name, indexed so routes can be found by it.
    var name: String
    /// The route as the API shows it, serialized JSON.
    var body: String
    /// Secret fields as a JSON object, kept apart so they are never echoed; `nil` when none.
    var secrets: String?
}
