import Dispatch

/// `map` on all cores, results in input order: for pure, CPU-bound steps over many values.
public enum ConcurrentMap {
    public static func map<T: Sendable, R: Sendable>(_ values: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard values.count > 1 else { return values.map(transform) }
        let results = ResultSlots<R>(count: values.count)
        DispatchQueue.concurrentPerform(iterations: values.count) { i in
            results.set(i, transform(values[i]))
        }
        return results.values
    }
}

/// Slots written once each, from several threads, at distinct indices. A raw buffer, not
/// an Array property: concurrent writes to distinct elements of one allocation are fine,
/// while mutating an Array property from several threads is an exclusivity violation.
private final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: R) { slots[index] = value }

    var values: [R] { slots.map { $0! } }
}
