import Foundation
import RouteClient
import RouteModel

/// The shell's `set KEY VALUE` / `unset KEY`. A setting is the environment variable every command
/// already reads (`set output json` is `ROUTECTL_OUTPUT=json`), set in this process, so the
/// commands need no knowledge of the shell; `hints` alone belongs to the shell. Each setting
/// knows what it accepts, so a bad value is refused by `set`, not by the next command.
public struct ShellSettings: Sendable {
    /// What a setting accepts.
    enum Values: Sendable {
        /// One of the values of the command line's option of this name (`--output`).
        case optionValues(String)
        case choice([String])
        case onOff
        case integer(ClosedRange<Int>)
        case url
        /// A saved profile's name, or `sandbox`.
        case profile
        case text
    }

    struct Setting: Sendable {
        var key: String
        var values: Values
    }

    static let catalog = [
        Setting(key: "output", values: .optionValues("--output")),
        Setting(key: "provider", values: .choice(Provider.names)),
        Setting(key: "profile", values: .profile),
        Setting(key: "base-url", values: .url),
        Setting(key: "account-key", values: .text),
        Setting(key: "account-secret", values: .text),
        Setting(key: "concurrency", values: .integer(1...1024)),
        Setting(key: "verbose", values: .onOff),
        Setting(key: "quiet", values: .onOff),
        Setting(key: "hints", values: .onOff),
    ]

    public static let keys = catalog.map(\.key)

    /// The command line's options, whose values some settings take.
    private let tree: CommandTree
    public private(set) var hints = true

    public init(tree: CommandTree) {
        self.tree = tree
    }

    public static func variable(for key: String) -> String {
        "ROUTECTL_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The values completion offers for `key`.
    public func choices(for key: String) -> [String] {
        guard let setting = Self.catalog.first(where: { $0.key == key }) else { return [] }
        switch setting.values {
        case .optionValues(let option): return tree.options(named: option).first?.values ?? []
        case .choice(let values): return values
        case .onOff: return ["on", "off"]
        case .profile: return Self.profileNames()
        case .integer, .url, .text: return []
        }
    }

    public mutating func set(_ key: String, to value: String) throws(SettingError) {
        let setting = try Self.setting(key)
        let accepted = try check(value, for: setting)
        if key == "hints" {
            hints = accepted == "on"
        } else {
            setenv(Self.variable(for: key), accepted, 1)
        }
    }

    public mutating func unset(_ key: String) throws(SettingError) {
        _ = try Self.setting(key)
        if key == "hints" { hints = true } else { unsetenv(Self.variable(for: key)) }
    }

    /// A `key  value` line for every setting, secrets masked and unset ones said so.
    public func describe() -> [String] {
        let width = Self.keys.map(\.count).max() ?? 0
        return Self.catalog.map { setting in
            let value: String
            if setting.key == "hints" {
                value = hints ? "on" : "off"
            } else if let text = ProcessInfo.processInfo.environment[Self.variable(for: setting.key)], !text.isEmpty {
                value = SecretNames.isSecret(setting.key) ? Secret.mask(text) : text
            } else {
                value = "(not set)"
            }
            return setting.key.padding(toLength: width + 2, withPad: " ", startingAt: 0) + value
        }
    }

    private static func setting(_ key: String) throws(SettingError) -> Setting {
        guard let setting = catalog.first(where: { $0.key == key.lowercased() }) else { throw .unknownKey(key) }
        return setting
    }

    /// `value` as it is stored, or why it is refused.
    private func check(_ value: String, for setting: Setting) throws(SettingError) -> String {
        let refuse = { (expected: String) in SettingError.invalidValue(key: setting.key, value: value, expected: expected) }
        switch setting.values {
        case .optionValues, .choice, .profile:
            let choices = choices(for: setting.key)
            if let match = choices.first(where: { $0.lowercased() == value.lowercased() }) { return match }
            if case .profile = setting.values {
                throw refuse("a saved profile: " + Self.list(choices) + DidYouMean.clause(for: value, among: choices))
            }
            if choices.isEmpty { return value }
            throw refuse(Self.list(choices) + DidYouMean.clause(for: value, among: choices))
        case .onOff:
            switch value.lowercased() {
            case "on", "true", "yes", "1": return "on"
            case "off", "false", "no", "0": return "off"
            default: throw refuse("on or off")
            }
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                throw refuse("a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return String(number)
        case .url:
            let lowered = value.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
                throw refuse("a URL starting with http:// or https://")
            }
            return value
        case .text:
            guard !value.isEmpty else { throw refuse("some text (unset it instead)") }
            return value
        }
    }

    private static func profileNames() -> [String] {
        (try? ProfileStore().load().names) ?? [ProfileConfig.sandbox]
    }

    /// `table, json or csv`.
    private static func list(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    public enum SettingError: Error, CustomStringConvertible {
        case unknownKey(String)
        case invalidValue(key: String, value: String, expected: String)

        public var description: String {
            switch self {
            case .unknownKey(let key):
                return "'\(key)' is not a setting\(DidYouMean.clause(for: key, among: ShellSettings.keys)); "
                    + "the settings are \(ShellSettings.keys.joined(separator: ", "))"
            case .invalidValue(let key, let value, let expected):
                return "\(key) cannot be '\(value)': expected \(expected)"
            }
        }
    }
}
