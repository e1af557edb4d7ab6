import Synchronization

/// The idle keep-alive connections of a client, by origin, at most `capacity` per origin: as
/// many as requests can be in flight at once, so that a steady stream of them reuses each.
final class HTTP1ConnectionPool: Sendable {
    private let capacity: Int
    private let idle = Mutex<[String: [HTTP1Connection]]>([:])

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The most recently used idle connection to `origin` that is still open, if any.
    func take(_ origin: String) -> HTTP1Connection? {
        while let connection = idle.withLock({ $0[origin]?.popLast() }) {
            if connection.isActive { return connection }
            connection.close()
        }
        return nil
    }

    /// Keeps a connection whose request is over for the next one, or closes it when the pool is full.
    func give(_ connection: HTTP1Connection, _ origin: String) {
        let kept = idle.withLock { idle in
            guard idle[origin, default: []].count < capacity else { return false }
            idle[origin, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    func closeAll() {
        for connection in idle.withLock({ idle in defer { idle = [:] }; return Array(idle.values.joined()) }) {
            connection.close()
        }
    }
}
