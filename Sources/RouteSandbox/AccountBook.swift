/// The accounts a running sandbox accepts, looked up by key on every authenticated request.
struct AccountBook: Sendable {
    let accounts: [SandboxAccount]
    private let byKey: [String: SandboxAccount]

    init(_ accounts: [SandboxAccount]) {
        self.accounts = accounts
        self.byKey = Dictionary(accounts.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    func account(key: String) -> SandboxAccount? { byKey[key] }

    /// The account whose key and secret are exactly these.
    func authenticate(key: String, secret: String) -> SandboxAccount? {
        guard let account = byKey[key], account.secret == secret else { return nil }
        return account
    }
}
