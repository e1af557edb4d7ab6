/// Bounds how far reading runs ahead of finished rows, so memory stays flat for any file size:
/// the reader takes places in batches before handing rows on, and each row gives its place back
/// when its result is in.
actor RowWindow {
    let size: Int
    private var free: Int
    private var reader: (wanted: Int, continuation: CheckedContinuation<Void, Never>)?

    init(size: Int) {
        self.size = max(1, size)
        free = self.size
    }

    /// Waits until at least `batch` places are free (all of them, if the window is smaller),
    /// takes every free place and returns how many. Only one task (the reader) waits here, and
    /// taking places in batches lets it journal a batch of rows in one commit.
    func take(batch: Int) async -> Int {
        let wanted = min(max(1, batch), size)
        if free < wanted {
            await withCheckedContinuation { reader = (wanted, $0) }
        }
        let taken = free
        free = 0
        return taken
    }

    func give(_ count: Int = 1) {
        free += count
        if let reader, free >= reader.wanted {
            self.reader = nil
            reader.continuation.resume()
        }
    }
}
