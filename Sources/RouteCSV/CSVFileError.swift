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
    public let code: Int32

    public init(_ operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// `cannot open routes.csv: No such file or directory`
    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code)))"
    }
}
