import ArgumentParser

/// How results are printed: a table for people, JSON for programs, CSV for spreadsheets and
/// for `import`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case json
    case csv

    /// `--output`, else `ROUTECTL_OUTPUT`, else a table on a terminal and JSON when piped.
    static func resolve(_ global: GlobalOptions) throws -> OutputFormat {
        try chosen(global) ?? (Terminal.stdoutIsTerminal ? .table : .json)
    }

    /// The format asked for with `--output` or `ROUTECTL_OUTPUT`, if any.
    static func chosen(_ global: GlobalOptions) throws -> OutputFormat? {
        if let format = global.output { return format }
        guard let text = Environment.value("ROUTECTL_OUTPUT") else { return nil }
        guard let format = OutputFormat(rawValue: text.lowercased()) else {
            throw CommandFailure(.usage, "ROUTECTL_OUTPUT must be table, json or csv, not \"\(text)\"")
        }
        return format
    }
}
