/// The brake on a change too broad to be meant, as octoDNS has: by default, changing more than a
/// quarter of the account's existing routes, and at least ten of them, is refused before anything
/// is sent, unless forced. `--max-changes N` replaces that rule with a plain limit of N changes.
/// "Changes" are whatever the caller counts: an import's updates, an undo's deletes, the numbers
/// a cutover moves.
///
/// On `--resume` only the changes the earlier run did not count are counted, against the account
/// as it is now: that run passed (a refused run leaves nothing to resume), and its own changes
/// have shrunk or changed the account since. An import counts the rows it decides afresh, whose
/// file may have been fixed since; an undo's rows come from the import's journal, which nothing
/// edits, so every change a resumed undo has left was counted already.
public struct ChangeThreshold: Sendable, Equatable {
    /// The share of existing routes the default rule allows to change.
    public static let share = 0.25
    /// Below this many changes the default rule never refuses: a small account is small.
    public static let minimum = 10

    /// The `--max-changes` a person may give.
    public static let maxChangesRange = 0...100_000_000

    /// Why `--max-changes n` cannot be taken; `nil` when it can.
    public static func problem(maxChanges: Int?, force: Bool) -> String? {
        if let maxChanges, !maxChangesRange.contains(maxChanges) {
            return "--max-changes must be a number of routes from 0 to \(maxChangesRange.upperBound), not \(maxChanges)"
        }
        return force && maxChanges != nil ? "--force lifts every limit: give it or --max-changes, not both" : nil
    }

    /// `--max-changes`: the most changes allowed; `nil` is the default rule.
    public var maxChanges: Int?
    /// `--force`: no limit.
    public var force: Bool

    public init(maxChanges: Int? = nil, force: Bool = false) {
        self.maxChanges = maxChanges
        self.force = force
    }

    /// Whether `changes` of the `existing` routes are more than allowed (forced or not).
    public func exceeded(changes: Int, existing: Int) -> Bool {
        if let maxChanges { return changes > maxChanges }
        return changes >= Self.minimum && Double(changes) > Self.share * Double(existing)
    }

    /// Whether `changes` are refused: more than allowed, and not forced.
    public func stops(changes: Int, existing: Int) -> Bool {
        !force && exceeded(changes: changes, existing: existing)
    }

    /// Why `changes` (`verb`ing routes, e.g. "update" or "delete", or another `noun`) are
    /// refused; `nil` when they are allowed, or forced.
    public func refusal(changes: Int, existing: Int, verb: String, noun: String = "route") -> String? {
        guard stops(changes: changes, existing: existing) else { return nil }
        return "nothing was sent: " + warning(changes: changes, existing: existing, verb: verb, noun: noun)
            + "; see them with --plan, then give --force to go ahead, or --max-changes \(changes) to allow this many"
    }

    /// What the changes exceed, for a plan to warn about once `exceeded` says they do.
    public func warning(changes: Int, existing: Int, verb: String, noun: String = "route") -> String {
        let things = changes == 1 ? noun : noun + "s"
        if let maxChanges {
            return "this would \(verb) \(ImportSummary.grouped(changes)) \(things), more than --max-changes \(ImportSummary.grouped(maxChanges))"
        }
        return "this would \(verb) \(ImportSummary.grouped(changes)) of the account's \(ImportSummary.grouped(existing)) existing \(noun)s (\(Self.percent(changes, of: existing)) %), "
            + "more than the \(Int(Self.share * 100)) % allowed without --force"
    }

    /// A plan's warning, once `exceeded` says the changes are more than allowed: what they exceed,
    /// and what lets them go ahead.
    public func planWarning(changes: Int, existing: Int, verb: String, noun: String = "route") -> String {
        warning(changes: changes, existing: existing, verb: verb, noun: noun) + " (--force, or --max-changes \(changes), lets it go ahead)"
    }

    /// `changes` as a share of `existing`, in whole percent unless rounding would hide that it
    /// is more than the share allowed (5,001 of 20,000 is `25.1`, not `25`).
    static func percent(_ changes: Int, of existing: Int) -> String {
        guard existing > 0 else { return "100" }
        let exact = Double(changes) * 100 / Double(existing)
        let whole = exact.rounded()
        if whole > share * 100 || exact <= share * 100 { return String(Int(whole)) }
        return String((exact * 10).rounded(.up) / 10)
    }
}
