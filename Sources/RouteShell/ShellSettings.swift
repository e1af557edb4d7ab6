import Foundation

/// The shell's `set KEY VALUE` / `unset KEY`. A setting is the environment variable every command
/// already reads (`set output json` is `ROUTECTL_OUTPUT=json`), set in this process, so the
/// commands need no knowledge of the shell; `hints` alone belongs to the shell.
public struct ShellSettings: Sendable {
    /// The keys offered by completion; any other key works too.
    public static let keys = ["output", "provider", "profile", "base-url", "concurrency", "hints"]

    public private(set) var hints = true

    public init() {}

    public static func variable(for key: String) -> String {
        "ROUTECTL_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    public mutating func set(_ key: String, to value: String) throws(SettingError) {
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .invalidKey(key)
        }
        if key == "hints" {
            switch value.lowercased() {
            case "on", "true", "yes", "1": hints = true
            case "off", "false", "no", "0": hints = false
            default: throw .invalidValue(key: key, value: value, expected: "on or off")
            }
            return
        }
        setenv(Self.variable(for: key), value, 1)
    }

    public mutating func unset(_ key: String) {
        if key == "hints" { hints = true } else { unsetenv(Self.variable(for: key)) }
    }

    /// `key value` lines for the settings in effect, secrets masked.
    public func describe() -> [String] {
        var lines = ["hints \(hints ? "on" : "off")"]
        let environment = ProcessInfo.processInfo.environment
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("ROUTECTL_") {
            let key = name.dropFirst("ROUTECTL_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            let isSecret = ["secret", "password", "token"].contains { key.contains($0) }
            lines.append("\(key) \(isSecret ? "********" : value)")
        }
        return lines
    }

    public enum SettingError: Error, CustomStringConvertible {
        case invalidKey(String)
        case invalidValue(key: String, value: String, expected: String)

        public var description: String {
            switch self {
            case .invalidKey(let key): return "'\(key)' is not a setting name"
            case .invalidValue(let key, let value, let expected): return "\(key) cannot be '\(value)': expected \(expected)"
            }
        }
    }
}
