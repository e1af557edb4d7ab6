import Synchronization

/// Bounds how far reading runs ahead of finished rows, so memory stays flat for any file size:
/// the reader takes places in batches before handing rows on, and each row gives its place back
/// when its result is in. A lock rather than an actor: every row gives its place back here, and
/// a lock costs no task switch.
final class RowWindow: Sendable {
    let size: Int

    private struct Places {
        var free: Int
        /// The reader, waiting for `wanted` free places (to take them, or after the input's end
        /// to see them finished).
        var reader: (wanted: Int, continuation: CheckedContinuation<Void, Never>)?
    }

    private let places: Mutex<Places>

    init(size: Int) {
        self.size = max(1, size)
        places = Mutex(Places(free: self.size))
    }

    /// Waits until `batch` places are free (all of them, if the window is smaller) and takes
    /// them. Only one task (the reader) waits here, and taking places in batches lets it journal
    /// a batch of rows in one commit.
    func take(batch: Int) async -> Int {
        let wanted = min(max(1, batch), size)
        if places.withLock({ Self.take(wanted, from: &$0) }) { return wanted }
        await waitUntilFree(wanted)
        _ = places.withLock { Self.take(wanted, from: &$0) }
        return wanted
    }

    /// After the input's end: returns once `count` more places are given back, or all of them
    /// are, taking none; `true` when all are (every row has finished).
    func finished(_ count: Int) async -> Bool {
        await waitUntilFree(places.withLock { min(size, $0.free + max(1, count)) })
        return places.withLock { $0.free == size }
    }

    private func waitUntilFree(_ wanted: Int) async {
        await withCheckedContinuation { continuation in
            let enough = places.withLock { places in
                guard places.free < wanted else { return true }
                places.reader = (wanted, continuation)
                return false
            }
            if enough { continuation.resume() }
        }
    }

    func give(_ count: Int = 1) {
        let reader = places.withLock { places -> CheckedContinuation<Void, Never>? in
            places.free += count
            guard let reader = places.reader, places.free >= reader.wanted else { return nil }
            places.reader = nil
            return reader.continuation
        }
        reader?.resume()
    }

    private static func take(_ wanted: Int, from places: inout Places) -> Bool {
        guard places.free >= wanted else { return false }
        places.free -= wanted
        return true
    }
}
