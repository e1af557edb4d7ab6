import Foundation
import RouteModel

/// Decides which lines may be written to the history file. A line starting with a space is
/// kept out on purpose (as in bash's `ignorespace`); a line carrying a secret is kept out
/// always: a catalog field marked secret, or an option, variable or setting that `SecretNames`
/// says holds one.
public struct HistoryFilter: Sendable {
    private let schemas: [RouteSchema]

    public init(schemas: [RouteSchema] = Dialect.allCases.map(RouteSchema.forDialect)) {
        self.schemas = schemas
    }

    public func allows(_ line: String) -> Bool {
        if line.hasPrefix(" ") || line.trimmingCharacters(in: .whitespaces).isEmpty { return false }
        let words = Tokenizer.partialWords(line).map(\.text)
        if words.first == "set", words.count > 1, SecretNames.isSecret(words[1]) { return false }
        return !words.contains(where: carriesSecret)
    }

    private func carriesSecret(_ word: String) -> Bool {
        if word.hasPrefix("-") { return SecretNames.isSecret(word) }
        guard word.contains("=") else { return false }
        let name = String(word.prefix { $0 != "=" })
        return SecretNames.isSecret(name) || schemas.contains { $0.field(named: name)?.isSecret == true }
    }
}
