/// How secrets look wherever a person can see them: never in clear.
public enum Secret {
    /// `••••••••` with the last two characters of long secrets, so two secrets can be told apart
    /// without revealing either.
    public static func mask(_ secret: String) -> String {
        if secret.isEmpty { return "(none)" }
        return secret.count >= 12 ? "••••••" + secret.suffix(2) : "••••••"
    }
}
