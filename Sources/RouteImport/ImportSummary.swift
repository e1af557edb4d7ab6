import RouteModel

/// How an import ended: what it tells the person, and the exit status it leads to.
public struct ImportSummary: Sendable {
    /// Rows per status in the whole result file (rows carried over by `--resume` included).
    public let counts: [RowStatus: Int]
    /// Rows per status that this run wrote; equal to `counts` unless an earlier run did some.
    public let thisRun: [RowStatus: Int]
    public let elapsed: Duration
    public let resultsPath: String
    public let stopReason: StopReason?
    public let dryRun: Bool
    /// The check of the account at the end; `nil` when there was none (dry run, a stop).
    public let verification: Verification?
    /// Why the check at the end could not be made (the account could not be listed).
    public var unverified: ImportError?
    /// What the reader had to say once about the input file (e.g. that it is not UTF-8).
    public var inputNotice: String?
    /// `--plan`: nothing was sent, and the counts are what an import would do.
    public var plan = false
    /// `--plan`: the run would stop before sending anything (the change threshold, or what the
    /// provider cannot do), why, and what would let it go ahead, if anything.
    public var stopWarning: String?
    /// What ran, as the summary names it: `import`, or `undo`, which ends the same way.
    public var command = "import"
    /// The check that ends an undo, as `verification` ends an import.
    public var undoCheck: UndoCheck?
    /// What the rows are about, for the summary's words: `route`, or `number` for a cutover.
    public var noun = "route"
    /// The check that ends a `numbers import` and its undo.
    public var numberCheck: NumberCheck?

    public var exitStatus: ExitStatus {
        switch stopReason {
        case .interrupted: return .interrupted
        case .tooManyErrors: return .aborted
        case .fatal: return .fatal
        case nil:
            // A plan exits as the run it plans would have: that one would have been refused.
            if stopWarning != nil { return .usage }
            // Ctrl-C during the final check is an interruption like any other.
            if let unverified { return unverified.exitStatus == .interrupted ? .interrupted : .fatal }
            let errors = counts.filter { $0.key.fallsShort && $0.value > 0 }.count
            let unchecked = verification?.isClean == false || undoCheck?.isClean == false || numberCheck?.isClean == false
            return errors > 0 || unchecked ? .partialFailure : .success
        }
    }

    /// Rows this run settled (`unprocessed` ones not counted).
    public var rowsThisRun: Int {
        thisRun.filter { $0.key != .unprocessed }.values.reduce(0, +)
    }

    public var rowsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(rowsThisRun) / seconds : 0
    }

    /// `4,000 rows in 1.3 s (3,077 rows/s): 3,990 created, 10 invalid` and where the results are.
    /// After `--resume`, what this run did and what the whole file holds are said apart:
    /// `this run: 2 rows in 0.4 s (5 rows/s): 2 created` and `the file: 1,000 rows: 1,000 created`.
    public var description: String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var text = "\(Self.rows(rowsThisRun)) in \(Self.formatSeconds(seconds)) "
            + "(\(Self.grouped(Int(rowsPerSecond.rounded()))) rows/s): " + Self.statuses(thisRun)
        if thisRun != counts {
            text = "this run: " + text + "\nthe file: \(Self.rows(counts.values.reduce(0, +))): " + Self.statuses(counts)
        }
        if dryRun { text = "dry run, nothing sent: " + text }
        switch stopReason {
        case .interrupted: text = "interrupted; " + text
        case .tooManyErrors: text = (plan ? "the \(command) would stop at --max-errors; " : "stopped by --max-errors; ") + text
        case .fatal(let error): text = "stopped: \(error); " + text
        case nil: break
        }
        if plan { text = "plan, nothing sent: " + text }
        if let inputNotice { text += "\n" + inputNotice }
        if let verification { text += "\n" + verification.description }
        if let unverified {
            let why = if case .interrupted = unverified { "interrupted during the final check" } else { unverified.description }
            text += "\nnot verified: \(why); `routectl import FILE --verify` checks again"
        }
        if let undoCheck { text += "\n" + undoCheck.description }
        if let numberCheck { text += "\n" + numberCheck.description }
        if let drifted = counts[.drifted], drifted > 0 {
            text += "\n\(Self.counted(drifted, noun)) changed since the import, left alone (drifted): each note says what differs"
        }
        if let partly = counts[.partlyRestored], partly > 0 {
            text += "\n\(Self.routes(partly)) partly restored: each note names what no update can put back"
        }
        if let stopWarning {
            text += "\nwarning: the \(command) would stop before sending anything: \(stopWarning)"
        }
        text += "\n\(plan ? "plan" : "results"): \(resultsPath)"
        if !plan, stopReason != nil || (counts[.failed] ?? 0) > 0 {
            text += "\nto send the failed and unprocessed rows again: the same command with --resume"
        }
        return text
    }

    /// `3,990 created, 10 invalid`, or `no rows`.
    private static func statuses(_ counts: [RowStatus: Int]) -> String {
        let parts = RowStatus.allCases.compactMap { status in
            counts[status].flatMap { $0 > 0 ? "\(grouped($0)) \(status.rawValue)" : nil }
        }
        return parts.isEmpty ? "no rows" : parts.joined(separator: ", ")
    }

    /// `1 row`, `1,024 rows`.
    static func rows(_ count: Int) -> String {
        count == 1 ? "1 row" : "\(grouped(count)) rows"
    }

    /// `1 route`, `1,024 routes`.
    static func routes(_ count: Int) -> String {
        counted(count, "route")
    }

    /// `1 number`, `1,024 numbers`.
    static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(grouped(count)) \(noun)s"
    }

    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return number < 0 ? "-" + digits : digits
    }

    /// `4.2 s`, `3m07s`, `3h48m`.
    static func formatSeconds(_ seconds: Double) -> String {
        if seconds < 60 { return "\((seconds * 10).rounded() / 10) s" }
        let whole = Int(min(seconds, 1e9).rounded())
        if whole >= 3600 {
            let minutes = whole / 60 % 60
            return "\(whole / 3600)h\(minutes < 10 ? "0" : "")\(minutes)m"
        }
        let rest = whole % 60
        return "\(whole / 60)m\(rest < 10 ? "0" : "")\(rest)s"
    }
}
