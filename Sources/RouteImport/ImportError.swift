import RouteModel

/// Why an import could not start or had to stop as a whole (exit status 3 or 64), as opposed to
/// a problem with one row, which goes in the result file.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// Columns that are not catalog fields, each with its "did you mean", and a hint when the
    /// header looks split on the wrong delimiter.
    case unknownColumns([FieldError], hint: String?)
    case duplicateColumn(field: String, columns: [Int])
    case missingKeyColumn(String)
    case emptyFile(String)
    /// The input or result file could not be read or written.
    case file(String)
    /// The service could not be reached or refused us before any row was sent.
    case service(String)
    /// `--resume` was given but the result file cannot be used.
    case unusableResults(String)
    /// Options that cannot work together or with this provider.
    case usage(String)
    /// The import would change more of the account than `ChangeThreshold` allows; nothing was sent.
    case tooManyChanges(String)
    /// Ctrl-C before the first row went out: nothing was sent, so there is nothing to write.
    case interrupted

    public var exitStatus: ExitStatus {
        switch self {
        case .unknownColumns, .duplicateColumn, .missingKeyColumn, .emptyFile, .usage, .tooManyChanges: return .usage
        case .file, .service, .unusableResults: return .fatal
        case .interrupted: return .interrupted
        }
    }

    public var description: String {
        switch self {
        case .unknownColumns(let problems, let hint):
            let advice = hint ?? "--ignore-column NAME skips a column that is not a route field"
            return (problems.map { "header: \($0)" } + ["header: " + advice]).joined(separator: "\n")
        case .duplicateColumn(let field, let columns):
            return "header: columns \(columns.map { "\($0)" }.joined(separator: " and ")) are both \(field)"
        case .missingKeyColumn(let field):
            return "header: there is no \(field) column; it is the import key"
        case .emptyFile(let path):
            return "\(path): no header row"
        case .file(let message), .service(let message), .unusableResults(let message), .usage(let message),
             .tooManyChanges(let message):
            return message
        case .interrupted:
            return "interrupted before any row was sent"
        }
    }
}
