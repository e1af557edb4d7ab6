/// Bounds how far reading runs ahead of finished rows, so memory stays flat for any file size:
/// the reader takes a place before handing a row on and the row gives it back when its result is
/// written.
actor RowWindow {
    private var free: Int
    private var reader: CheckedContinuation<Void, Never>?

    init(size: Int) {
        free = max(1, size)
    }

    /// Only one task (the reader) waits here.
    func take() async {
        if free == 0 {
            await withCheckedContinuation { reader = $0 }
        }
        free -= 1
    }

    func give() {
        free += 1
        reader?.resume()
        reader = nil
    }
}
