import Foundation
import GRDB

/// A state database that could not be read, and where it was put.
public struct DamagedState: Sendable, CustomStringConvertible {
    /// The path the damaged database now has (its -wal and -shm beside it, if there were).
    public var movedTo: String
    /// SQLite's words.
    public var reason: String

    struct Cause: Error {
        var reason: String
    }

    public var description: String {
        "the state was damaged (\(reason)); moved aside to \(movedTo) and started afresh: "
            + "this run asks every source for its whole feed"
    }

    /// "20261208T071502", in UTC.
    static func stamp(_ date: Date) -> String {
        guard let t = DateParser.civilFields(date) else { return "0" }
        return String(format: "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second)
    }
}

/// What revue remembers of one source between runs.
public struct SourceMemory: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?
    /// The headlines of the last good response, re-used when the server answers 304.
    public var items: [Headline]
    public var lastSuccess: Date?
    /// Start of the current failure streak; nil while the source works.
    public var failingSince: Date?
    /// How the items were read (`Source.reading`); nil in a state older than the record.
    public var reading: String?
    /// The remembered items could not be read (a damaged row, an older form): a 304 then
    /// refers to headlines revue no longer has.
    public var itemsLost = false

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
///
/// The state is a cache of what the sources said: losing it costs one morning's conditional
/// requests and the first-seen times of undated headlines, never a digest. So a damaged
/// database is moved aside (for whoever wants to look at it) and a fresh one started.
public final class StateStore: Sendable {
    private let db: DatabaseQueue
    public let path: String
    /// Where a damaged state was moved when this store was opened, and why; nil when the
    /// state was sound.
    public let setAside: DamagedState?

    public init(directory: String, now: Date = Date()) throws {
        try AtomicFile.createFolder(directory)
        path = URL(fileURLWithPath: directory).appendingPathComponent("state.sqlite").path
        do {
            db = try Self.open(path)
            setAside = nil
        } catch let damage as DamagedState.Cause {
            let moved = try Self.moveAside(path, now: now)
            db = try Self.open(path)
            setAside = DamagedState(movedTo: moved, reason: damage.reason)
        }
    }

    /// Opens, checks and migrates the database; a damaged one throws `DamagedState.Cause`.
    private static func open(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a commit does not wait for the disk, yet a killed
            // run (or a crash of revue) never corrupts the state nor loses a committed batch;
            // only a power cut may lose the last batches, which the next run fetches again.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        let db: DatabaseQueue
        do {
            db = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError where damaged(error) {
            throw DamagedState.Cause(reason: error.message ?? "\(error.resultCode)")
        }
        do {
            // quick_check reads every page (milliseconds for a state of thousands of
            // sources) but skips the index cross-checks of integrity_check.
            let verdict = try db.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
            guard verdict == ["ok"] else {
                throw DamagedState.Cause(reason: verdict.prefix(3).joined(separator: "; "))
            }
            try migrator.migrate(db)
        } catch let error as DatabaseError where damaged(error) {
            try? db.close()
            throw DamagedState.Cause(reason: error.message ?? "\(error.resultCode)")
        } catch {
            try? db.close()
            throw error
        }
        return db
    }

    private static func damaged(_ error: DatabaseError) -> Bool {
        [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode)
    }

    /// Moves the database and its WAL and shared-memory files aside together (a WAL left
    /// beside a new database would be replayed into it), named by the time of the move.
    private static func moveAside(_ path: String, now: Date) throws -> String {
        let stamp = DamagedState.stamp(now)
        var target = "\(path).damaged-\(stamp)"
        var n = 1
        while FileManager.default.fileExists(atPath: target) {
            n += 1
            target = "\(path).damaged-\(stamp)-\(n)"
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, target + suffix) == 0 else {
                throw POSIXFailure("cannot move the damaged state \(path + suffix) aside")
            }
        }
        return target
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
        // When a headline was last in its feed, so that the record of headlines gone from
        // every feed can be dropped.
        m.registerMigration("v2: first_seen.last_seen") { db in
            try db.execute(sql: """
                ALTER TABLE first_seen ADD COLUMN last_seen REAL NOT NULL DEFAULT 0;
                UPDATE first_seen SET last_seen = seen;
                """)
        }
        m.registerMigration("v3: source_state.reading") { db in
            try db.execute(sql: "ALTER TABLE source_state ADD COLUMN reading TEXT")
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
    /// A source whose rules, profile or language changed since its items were read gets
    /// none: it is asked for the whole page again.
    public func validators(for sources: [Source]) throws -> [String: HTTPValidators] {
        let readings = Dictionary(sources.map { ($0.url, $0.reading) }, uniquingKeysWith: { first, _ in first })
        return try db.read { db in
            var out: [String: HTTPValidators] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT url, etag, last_modified, reading FROM source_state") {
                let url: String = row["url"]
                guard let current = readings[url] else { continue }
                if let stored: String = row["reading"], stored != current { continue }
                out[url] = HTTPValidators(etag: row["etag"], lastModified: row["last_modified"])
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
        // too, so that what is saved next asks for the whole feed again.
        var memory = SourceMemory(
            etag: readable ? row["etag"] : nil, lastModified: readable ? row["last_modified"] : nil, items: items,
            lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
            failingSince: (row["failing_since"] as Double?).map(Date.init(timeIntervalSince1970:)))
        memory.itemsLost = !readable
        memory.reading = row["reading"]
        return memory
    }

    /// Saves the memories of a whole run in one transaction. Items equal to `previous`
    /// ones (a 304, a failure) are not encoded again.
    public func save(_ memories: [String: SourceMemory], previous: [String: SourceMemory] = [:]) throws {
        try writing { db in
            // Compiled once per transaction, not once per source.
            let update = try db.cachedStatement(sql: """
                UPDATE source_state SET etag = ?, last_modified = ?, last_success = ?, failing_since = ?, reading = ?
                WHERE url = ?
                """)
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO source_state (etag, last_modified, last_success, failing_since, reading, items, url)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    items = excluded.items, last_success = excluded.last_success,
                    failing_since = excluded.failing_since, reading = excluded.reading
                """)
            for (url, m) in memories {
                let times: [DatabaseValueConvertible?] = [m.etag, m.lastModified, m.lastSuccess?.timeIntervalSince1970,
                                                          m.failingSince?.timeIntervalSince1970, m.reading]
                if let old = previous[url], old.items == m.items {
                    try update.execute(arguments: StatementArguments(times + [url]))
                    continue
                }
                try upsert.execute(arguments: StatementArguments(times + [HeadlineCodec.encode(m.items), url]))
            }
        }
    }

    /// One transaction; a disk that is full or refuses writes is reported as the failure to
    /// write a file it is (exit 73), not as a fault of revue.
    private func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.write(body)
        } catch let error as DatabaseError
            where [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode)
        {
            throw POSIXFailure("cannot write the state \(path)", cause: error)
        }
    }

    /// When each key was first seen; unseen keys are recorded as seen `now`, and every key
    /// as still there `now`.
    public func firstSeen(_ keys: [String], now: Date) throws -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try writing { db in
            var out: [String: Date] = [:]
            let record = try db.cachedStatement(sql: """
                INSERT INTO first_seen (key, seen, last_seen) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)
                RETURNING seen
                """)
            for key in keys {
                let t = now.timeIntervalSince1970
                if let seen = try Double.fetchOne(record, arguments: [key, t, t]) {
                    out[key] = Date(timeIntervalSince1970: seen)
                }
            }
            return out
        }
    }

    /// How long revue remembers what it no longer sees: a source that left the config (its
    /// validators and items), a headline gone from its feed (when it was first seen). After
    /// that the state forgets them, so that it stays the size of the current config.
    public static let retention: TimeInterval = 30 * 86_400

    /// Forgets the sources not in `configured` that have not answered for `retention`, and
    /// the headlines no feed has carried for as long.
    public func prune(keeping configured: Set<String>, now: Date) throws {
        let cutoff = now.addingTimeInterval(-Self.retention).timeIntervalSince1970
        try writing { db in
            let rows = try Row.fetchAll(db, sql: "SELECT url, coalesce(last_success, failing_since, 0) AS heard FROM source_state")
            let delete = try db.cachedStatement(sql: "DELETE FROM source_state WHERE url = ?")
            for row in rows {
                let url: String = row["url"]
                if !configured.contains(url), (row["heard"] as Double) < cutoff {
                    try delete.execute(arguments: [url])
                }
            }
            try db.execute(sql: "DELETE FROM first_seen WHERE last_seen < ?", arguments: [cutoff])
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
