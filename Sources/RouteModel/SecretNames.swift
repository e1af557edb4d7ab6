/// The names that carry secrets, in one list: the shell keeps lines holding one out of its
/// history, and `--verbose` logs and error messages mask their values.
public enum SecretNames {
    /// Options whose value holds a secret though their name does not say so.
    static let options: Set<String> = ["--account"]  // sandbox serve --account KEY:SECRET
    /// A name holding one of these words is a secret's: `--account-secret`,
    /// `ROUTECTL_ACCOUNT_SECRET`, `set account-secret`, `VoicePasswordToken`, `?token=`…
    static let words = ["secret", "password", "token"]

    /// Whether the option, variable, setting or parameter called `name` (up to any `=`) holds a
    /// secret; one ending in `file` holds only the path to one.
    public static func isSecret(_ name: some StringProtocol) -> Bool {
        let name = name.prefix { $0 != "=" }
        if options.contains(String(name)) { return true }
        let normalized = FieldName.normalize(name)
        return !normalized.hasSuffix("file") && words.contains { normalized.contains($0) }
    }

    /// `words` with every secret option's value masked, given as `--account-secret S` or `--account-secret=S`.
    public static func masking(_ words: [String]) -> [String] {
        var masked = words
        for (index, word) in words.enumerated() where word.hasPrefix("-") && isSecret(word) {
            if let equals = word.firstIndex(of: "=") {
                masked[index] = word[...equals] + mask
            } else if index + 1 < words.count {
                masked[index + 1] = mask
            }
        }
        return masked
    }

    /// `/routes?token=…&page=2`: the values of secret query parameters masked.
    public static func maskingQuery(_ pathAndQuery: String) -> String {
        guard let question = pathAndQuery.firstIndex(of: "?") else { return pathAndQuery }
        let parameters = pathAndQuery[pathAndQuery.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let masked = parameters.map { parameter in
            guard let equals = parameter.firstIndex(of: "="), isSecret(parameter[..<equals]) else { return String(parameter) }
            return parameter[...equals] + mask
        }
        return pathAndQuery[...question] + masked.joined(separator: "&")
    }

    static let mask = "••••••"
}
