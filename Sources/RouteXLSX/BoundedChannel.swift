import Foundation

/// A first-in first-out queue of at most `capacity` elements between one producing thread and
/// one consuming thread: the producer waits while it is full, the consumer while it is empty.
/// That wait is what keeps a streamed sheet's memory flat, whatever its size.
///
/// Either side may stop early: `finish` ends the stream for the consumer (with an error, if the
/// producer failed), `cancel` tells the producer nobody is listening any more.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is touched only with `condition` locked.
    private let condition = NSCondition()
    private let capacity: Int
    private var elements: [Element] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Waits for room, then adds `element`.
    /// - Returns: `false` once the consumer has cancelled: the producer should stop.
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        if head > capacity {
            elements.removeFirst(head)
            head = 0
        }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// Waits for the next element.
    /// - Returns: `nil` at the end of the stream.
    /// - Throws: the producer's error, after the elements it sent before it.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == elements.count && !finished { condition.wait() }
        guard head < elements.count else {
            if let failure { throw failure }
            return nil
        }
        let element = elements[head]
        head += 1
        condition.broadcast()
        return element
    }

    /// The producer is done, having failed with `error` if it is not `nil`.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The consumer is done: a waiting or later `put` returns `false`.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        elements.removeAll()
        head = 0
        condition.broadcast()
    }
}
