/// Whether undo may go ahead, decided before anything is sent: it changes routes that an import
/// changed, possibly long ago and possibly many, so it acts on a person's yes or a script's
/// `--yes`, never unasked — as `terraform apply` does without `-auto-approve`.
public enum UndoConsent: Sendable, Equatable {
    /// Go on: nothing to send, `--plan`, or `--yes`.
    case proceed
    /// Ask this question on the terminal, once.
    case ask(String)
    /// Stop before sending anything (exit status 64), saying why.
    case refuse(String)

    public static func decide(_ counts: UndoCounts, plan: Bool, yes: Bool, terminal: Bool) -> UndoConsent {
        if plan || yes || counts.changes == 0 { return .proceed }
        if terminal { return .ask(counts.description + ". Proceed?") }
        return .refuse("""
            \(counts.description), and there is no terminal to ask: give --yes to go ahead without asking \
            (--plan shows what would change, row by row)
            """)
    }
}
