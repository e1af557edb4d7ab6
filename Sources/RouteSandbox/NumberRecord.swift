import RouteModel

/// One stored phone number and where its calls go.
struct NumberRecord: Sendable, Equatable {
    /// `+12065550100`, as `PhoneNumber` writes it: the text numbers are ordered by.
    var e164: String
    var routing: NumberRouting

    /// Flowroute's form, without `+`.
    var digits: String { String(e164.dropFirst()) }
}
