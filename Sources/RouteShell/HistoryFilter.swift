import Foundation
import RouteModel

/// Decides which lines may be written to the history file. A line starting with a space is
/// kept out on purpose (as in bash's `ignorespace`); a line carrying a secret is kept out
/// always: a catalog field marked secret, or a flag, variable or setting named like one.
public struct HistoryFilter: Sendable {
    private let schemas: [RouteSchema]

    public init(schemas: [RouteSchema] = Dialect.allCases.map(RouteSchema.forDialect)) {
        self.schemas = schemas
    }

    public func allows(_ line: String) -> Bool {
        if line.hasPrefix(" ") || line.trimmingCharacters(in: .whitespaces).isEmpty { return false }
        let words = Tokenizer.partialWords(line).map(\.text)
        if words.first == "set", words.count > 1, Self.namesSecret(words[1]) { return false }
        return !words.contains(where: carriesSecret)
    }

    private func carriesSecret(_ word: String) -> Bool {
        let name = String(word.prefix { $0 != "=" })
        if word.hasPrefix("-") { return Self.namesSecret(name) && !name.hasSuffix("-file") }
        guard word.contains("=") else { return false }
        return Self.namesSecret(name) || schemas.contains { $0.field(named: name)?.isSecret == true }
    }

    /// `--account-secret`, `ROUTECTL_ACCOUNT_SECRET`, `account-secret`, `password`, `token`…
    private static func namesSecret(_ name: String) -> Bool {
        let normalized = FieldName.normalize(name)
        return ["secret", "password", "token"].contains { normalized.contains($0) }
    }
}
