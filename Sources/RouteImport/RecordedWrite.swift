import RouteModel

/// What the journal holds of a row: for one that was sent, or was about to be, enough to take
/// the request back. An update's `before` is the route as listed before the import touched it;
/// `sent` is what the request carried, secrets named in `sentSecrets` but never kept.
struct RecordedWrite: Sendable, Equatable {
    let row: Int
    /// The physical line where the row starts in the input.
    let line: Int
    let key: String
    /// `nil` while only the intent is recorded (the request may or may not have been applied).
    let status: RowStatus?
    /// `nil` for a row that sent no request (invalid, exists, …).
    let intent: JournalRow.Intent?
    /// The route the row holds once settled (created or updated); empty when unknown.
    let id: String
    let mayHaveApplied: Bool
    /// For updates: the route as listed before it was updated.
    let before: Route?
    /// The non-secret fields sent.
    let sent: Route?
    let sentSecrets: [String]
}
