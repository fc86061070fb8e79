import Synchronization

/// A memo shared by threads: values computed once per distinct string key, in shards with
/// a lock each, so that every core can look words up at once without waiting on the others
/// (one lock for all made them wait more than they worked). A full shard starts over:
/// memory stays bounded however much text goes through.
final class ShardedCache<Value: Sendable>: Sendable {
    private final class Shard: Sendable {
        let entries = Mutex<[UTF8Key: Value]>([:])
    }

    private let shards: [Shard]
    private let limitPerShard: Int

    init(shards: Int = 32, limit: Int) {
        self.shards = (0..<shards).map { _ in Shard() }
        limitPerShard = max(1, limit / shards)
    }

    /// The value remembered for `key`, or `make()`'s, remembered.
    func value(for key: String, _ make: () -> Value) -> Value {
        let key = UTF8Key(key)
        // The shard from the length and the last byte: cheap, and spread enough.
        let shard = shards[(key.string.utf8.count &* 31 &+ Int(key.string.utf8.last ?? 0)) % shards.count]
        if let known = shard.entries.withLock({ $0[key] }) { return known }
        let value = make()
        shard.entries.withLock { entries in
            if entries.count >= limitPerShard { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
