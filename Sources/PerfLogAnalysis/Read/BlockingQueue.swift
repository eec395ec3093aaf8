import Dispatch
import Synchronization

/// A FIFO queue whose `pop` waits for an element: hands work between threads.
final class BlockingQueue<Element: Sendable>: Sendable {
    /// The elements, oldest at `head`; the taken ones before it are dropped in bulk.
    private let items = Mutex<(elements: [Element], head: Int)>(([], 0))
    private let available = DispatchSemaphore(value: 0)

    func push(_ e: Element) {
        items.withLock { $0.elements.append(e) }
        available.signal()
    }

    /// Waits for and removes the oldest element.
    func pop() -> Element {
        available.wait()
        return take()
    }

    /// Removes the oldest element if there is one, without waiting.
    func tryPop() -> Element? {
        guard available.wait(timeout: .now()) == .success else { return nil }
        return take()
    }

    /// Removes the oldest element; the caller has taken one count of `available`.
    private func take() -> Element {
        items.withLock { q in
            let e = q.elements[q.head]
            q.head += 1
            // Drop the taken elements once they are half the array: each pop costs O(1) amortized.
            if q.head >= 64 && q.head * 2 >= q.elements.count {
                q.elements.removeFirst(q.head)
                q.head = 0
            }
            return e
        }
    }
}
