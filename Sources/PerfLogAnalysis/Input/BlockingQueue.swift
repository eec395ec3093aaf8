import Dispatch
import Synchronization

/// A FIFO queue whose `pop` waits for an element: hands work between threads.
final class BlockingQueue<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let available = DispatchSemaphore(value: 0)

    func push(_ e: Element) {
        items.withLock { $0.append(e) }
        available.signal()
    }

    /// Waits for and removes the oldest element.
    func pop() -> Element {
        available.wait()
        return items.withLock { a in
            let e = a.removeFirst()
            return e
        }
    }
}
