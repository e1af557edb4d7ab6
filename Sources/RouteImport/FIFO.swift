/// A first-in first-out queue whose `popFirst` costs O(1): an array's `removeFirst` moves every
/// element behind it, and a thousand rows may be waiting at the send gate.
struct FIFO<Element> {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func append(_ item: Element) {
        items.append(item)
    }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        // Taken items are dropped in bulk once they are half the storage.
        if head >= 64, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    /// Removes and returns the first waiting item that `predicate` picks (a cancelled waiter).
    mutating func remove(where predicate: (Element) -> Bool) -> Element? {
        guard let index = items[head...].firstIndex(where: predicate) else { return nil }
        return items.remove(at: index)
    }
}
