import Synchronization

/// What one routectl process remembers between commands: the shell's `$last` is the id of the
/// last route created, by any command run in this process.
public enum Session {
    private static let lastCreated = Mutex<String?>(nil)

    public static var lastCreatedID: String? {
        get { lastCreated.withLock { $0 } }
        set { lastCreated.withLock { $0 = newValue } }
    }
}
