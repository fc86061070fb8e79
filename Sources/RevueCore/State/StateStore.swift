import Foundation
import GRDB

/// What revue remembers of one source between runs.
public struct SourceMemory: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?
    /// The headlines of the last good response, re-used when the server answers 304.
    public var items: [Headline]
    public var lastSuccess: Date?
    /// Start of the current failure streak; nil while the source works.
    public var failingSince: Date?

    public init(etag: String? = nil, lastModified: String? = nil, items: [Headline] = [],
                lastSuccess: Date? = nil, failingSince: Date? = nil) {
        self.etag = etag
        self.lastModified = lastModified
        self.items = items
        self.lastSuccess = lastSuccess
        self.failingSince = failingSince
    }
}

/// The embedded SQLite state: validators and last good items per source, and when undated
/// headlines were first seen. Every write is one transaction, so a run killed half-way
/// leaves the previous state intact.
public final class StateStore: Sendable {
    private let db: DatabaseQueue
    public let path: String

    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = URL(fileURLWithPath: directory).appendingPathComponent("state.sqlite").path
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a commit does not wait for the disk, yet a killed
            // run (or a crash of revue) never corrupts the state nor loses a committed batch;
            // only a power cut may lose the last batches, which the next run fetches again.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(db)
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source_state (
                    url TEXT PRIMARY KEY NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    items BLOB,
                    last_success REAL,
                    failing_since REAL
                );
                CREATE TABLE first_seen (
                    key TEXT PRIMARY KEY NOT NULL,
                    seen REAL NOT NULL
                );
                """)
        }
        return m
    }

    public func memory(of url: String) throws -> SourceMemory? {
        // The row is copied out under the lock and decoded outside it, so several sources
        // decode at once.
        let row = try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE url = ?", arguments: [url])?.copy()
        }
        return row.map(Self.memory(from:))
    }

    /// The conditional-GET validators only: cheap, so the fetch can start at once; the
    /// remembered items are read only for the sources that need them (a 304, a failure).
    public func validators() throws -> [String: HTTPValidators] {
        try db.read { db in
            var out: [String: HTTPValidators] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT url, etag, last_modified FROM source_state") {
                out[row["url"]] = HTTPValidators(etag: row["etag"], lastModified: row["last_modified"])
            }
            return out
        }
    }

    private static func memory(from row: Row) -> SourceMemory {
        var items: [Headline] = []
        var readable = true
        if let blob: Data = row["items"] {
            if let decoded = HeadlineCodec.decode(blob) { items = decoded } else { readable = false }
        }
        // Items that cannot be read are as if nothing were remembered: the validators go
        // too, so the next run asks for the whole feed again instead of a 304.
        return SourceMemory(
            etag: readable ? row["etag"] : nil, lastModified: readable ? row["last_modified"] : nil, items: items,
            lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
            failingSince: (row["failing_since"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    /// Saves the memories of a whole run in one transaction. Items equal to `previous`
    /// ones (a 304, a failure) are not encoded again.
    public func save(_ memories: [String: SourceMemory], previous: [String: SourceMemory] = [:]) throws {
        try db.write { db in
            // Compiled once per transaction, not once per source.
            let update = try db.cachedStatement(sql: """
                UPDATE source_state SET etag = ?, last_modified = ?, last_success = ?, failing_since = ?
                WHERE url = ?
                """)
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO source_state (etag, last_modified, last_success, failing_since, items, url)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    items = excluded.items, last_success = excluded.last_success,
                    failing_since = excluded.failing_since
                """)
            for (url, m) in memories {
                let times: [DatabaseValueConvertible?] = [m.etag, m.lastModified, m.lastSuccess?.timeIntervalSince1970,
                                                          m.failingSince?.timeIntervalSince1970]
                if let old = previous[url], old.items == m.items {
                    try update.execute(arguments: StatementArguments(times + [url]))
                    continue
                }
                try upsert.execute(arguments: StatementArguments(times + [HeadlineCodec.encode(m.items), url]))
            }
        }
    }

    /// When each key was first seen; unseen keys are recorded as seen `now`.
    public func firstSeen(_ keys: [String], now: Date) throws -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try db.write { db in
            var out: [String: Date] = [:]
            let record = try db.cachedStatement(sql: "INSERT OR IGNORE INTO first_seen (key, seen) VALUES (?, ?)")
            let read = try db.cachedStatement(sql: "SELECT seen FROM first_seen WHERE key = ?")
            for key in keys {
                try record.execute(arguments: [key, now.timeIntervalSince1970])
                if let seen = try Double.fetchOne(read, arguments: [key]) {
                    out[key] = Date(timeIntervalSince1970: seen)
                }
            }
            return out
        }
    }
}

/// Memories written as a run settles its sources, a hundred at a time: each batch is one
/// transaction, so a run killed half-way leaves every source either as it was or as this
/// run read it, and memory stays bounded however many sources there are.
struct StateBatch {
    let store: StateStore
    private var pending: [String: SourceMemory] = [:]
    private var previous: [String: SourceMemory] = [:]
    static let size = 100

    init(store: StateStore) {
        self.store = store
    }

    mutating func add(_ url: String, _ memory: SourceMemory, previous old: SourceMemory?) throws {
        pending[url] = memory
        if let old { previous[url] = old }
        if pending.count >= Self.size { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try store.save(pending, previous: previous)
        pending.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
    }
}
