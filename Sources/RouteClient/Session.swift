import Synchronization

/// What one routectl process remembers between commands: the shell's `$last` is the id of the
/// last route created, by any command run in this process.
public final class Session: Sendable {
    /// The process's session, unless a task binds one of its own (a test, to be alone with it).
    @TaskLocal public static var current = Session()

    private let lastCreated = Mutex<String?>(nil)

    public init() {}

    public var lastCreatedID: String? {
        get { lastCreated.withLock { $0 } }
        set { lastCreated.withLock { $0 = newValue } }
    }
}
