#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that cannot be opened, read or written. Unlike `CSVError`, this ends the reading.
public struct CSVFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done: `open`, `read`, `write`.
    public let operation: String
    /// The path as the caller gave it, or `file descriptor N`.
    public let path: String
    /// Why: the system's message for an `errno`, or what is wrong with the file's content.
    public let reason: String

    public init(_ operation: String, path: String, code: Int32) {
        self.init(operation, path: path, reason: String(cString: strerror(code)))
    }

    /// For a file that opens but is not what it should be, e.g. `not an .xlsx workbook (no xl/workbook.xml)`.
    public init(_ operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// `cannot open routes.csv: No such file or directory`
    public var description: String {
        "cannot \(operation) \(path): \(reason)"
    }
}
