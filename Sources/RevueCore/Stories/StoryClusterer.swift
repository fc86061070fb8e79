import Foundation

/// Groups headlines that tell the same story (same normalised link, or near-identical
/// title, also across languages) into stories.
///
/// Three kinds of evidence, from certain to likely:
/// 1. the same article address once tracking parameters are gone;
/// 2. the same title once outlet decorations ("VIDÉO. ", " - Le360") are gone;
/// 3. similar content: weighted overlap of concepts, names, numbers and word stems
///    (see `HeadlineSignature`), where keys shared by many headlines of the day ("CAN",
///    "2025", "Maroc") count little.
///
/// The third kind joins a headline to a story only when it resembles the story's headlines
/// added up, not merely one of them: single-link grouping would chain every CAN 2025 story
/// into one.
public struct StoryClusterer: Sendable {
    /// Minimum cosine similarity (0...1) of a headline with a story's headlines added up, to
    /// join it; chosen on the training days of the story corpus (`revue evaluate`).
    public var threshold: Double

    public init(threshold: Double = 0.45) {
        self.threshold = threshold
    }

    /// Stories in order of their first headline; every input headline is in exactly one.
    public func cluster(_ items: [SourcedHeadline]) -> [Story] {
        guard !items.isEmpty else { return [] }
        let signatures = HeadlineSignature.signatures(of: items)
        // Links are only needed here: not kept beside the signatures.
        let atoms = Self.sameArticleGroups(signatures, links: ConcurrentMap.map(items) { LinkKey.fingerprint($0.headline.link) })
        let leads = Self.numbered(atoms.map { signatures[$0[0]] })

        // Greedy, in input order: each group of identical headlines joins the story whose
        // headlines, added up, it resembles most, or starts a new one. Comparing with the
        // sum rather than with each member lets a story's vocabulary grow as outlets retell
        // it ("Fed", "Plosser", "taper" from three different headlines), while a headline
        // must still resemble the whole. Candidates come from an inverted index on keys, so
        // a headline is only compared with stories it shares something specific with.
        var clusters: [[Int]] = []  // atom indexes
        var sums: [Centroid] = []
        var storiesWithKey: [Int32: [Int]] = [:]
        var indexed = Set<Int64>()  // (key, story) pairs already in the index

        for (atom, lead) in leads.enumerated() {
            // The stories sharing the most keys are the only ones worth scoring. A key found
            // in many stories finds nothing specific (and would cost a scan of them all); a
            // key found in many headlines of one big story is that story's best key.
            var sharedCount: [Int: Int] = [:]
            for key in lead.specific {
                guard let stories = storiesWithKey[key], stories.count <= Self.storiesPerKeyLimit else { continue }
                for story in stories { sharedCount[story, default: 0] += 1 }
            }
            let candidates = sharedCount.filter { $0.value >= 2 }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(Self.candidateLimit).map(\.key)
            var best: (story: Int, score: Double)?
            for story in candidates.sorted() {
                let score = sums[story].similarity(to: lead.weights)
                // Like the story as a whole, and telling the same event as one of its
                // headlines: a name the story is full of is not enough.
                guard score >= threshold,
                    clusters[story].prefix(Self.memberLimit).contains(where: { lead.sharesSpecificKeys(with: leads[$0]) })
                else { continue }
                if score > (best?.score ?? 0) { best = (story, score) }
            }
            let story: Int
            if let best {
                story = best.story
                clusters[story].append(atom)
                sums[story].add(lead.weights)
            } else {
                story = clusters.count
                clusters.append([atom])
                sums.append(Centroid(lead.weights))
            }
            for key in lead.specific where indexed.insert(Int64(key) << 32 | Int64(story)).inserted {
                storiesWithKey[key, default: []].append(story)
            }
        }

        let merged = Self.mergeSimilar(clusters, sums, leads: leads, threshold: threshold)
        let groups = merged.map { members in members.flatMap { atoms[$0] }.sorted() }
        return Self.stories(from: groups, items: items, signatures: signatures)
    }

    /// Stories the greedy pass started apart because their first headlines had too little in
    /// common, merged when, added up, they resemble each other and two of their first
    /// headlines tell the same event: the order the feeds came in should not decide how a story is
    /// told. Largest stories first, each absorbing the others it resembles.
    static func mergeSimilar(_ clusters: [[Int]], _ sums: [Centroid], leads: [NumberedKeys], threshold: Double) -> [[Int]] {
        var clusters = clusters
        var sums = sums
        var alive = Array(repeating: true, count: clusters.count)
        // A story's specific keys are its headlines'; the sum also holds the everyday ones.
        let specific = clusters.map { members in Set(members.flatMap { leads[$0].specific }) }
        var storiesWithKey: [Int32: [Int]] = [:]
        for (story, keys) in specific.enumerated() {
            for key in keys { storiesWithKey[key, default: []].append(story) }
        }
        let order = clusters.indices.sorted { clusters[$0].count != clusters[$1].count ? clusters[$0].count > clusters[$1].count : $0 < $1 }
        for story in order where alive[story] {
            var sharedCount: [Int: Int] = [:]
            for key in specific[story] {
                guard let others = storiesWithKey[key], others.count <= storiesPerKeyLimit else { continue }
                for other in others where other != story && alive[other] { sharedCount[other, default: 0] += 1 }
            }
            for (other, shared) in sharedCount.sorted(by: { $0.key < $1.key }) where shared >= 2 && alive[other] {
                guard sums[story].similarity(to: sums[other].keys) >= threshold,
                    clusters[story].prefix(memberLimit).contains(where: { mine in
                        clusters[other].prefix(memberLimit).contains { leads[mine].sharesSpecificKeys(with: leads[$0]) }
                    })
                else { continue }
                clusters[story] += clusters[other]
                sums[story].add(sums[other].keys)
                alive[other] = false
            }
        }
        return clusters.indices.filter { alive[$0] }.map { clusters[$0].sorted() }
    }

    // MARK: - Evidence

    /// Indexes of headlines with the same link or the same cleaned title, in input order.
    static func sameArticleGroups(_ signatures: [HeadlineSignature], links: [UInt128?]) -> [[Int]] {
        var parent = Array(signatures.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var firstWithLink: [UInt128: Int] = [:]
        var firstWithTitle: [UTF8Key: Int] = [:]
        for (index, signature) in signatures.enumerated() {
            if let link = links[index] {
                if let other = firstWithLink[link] { parent[root(index)] = root(other) } else { firstWithLink[link] = index }
            }
            if !signature.titleKey.isEmpty {
                let title = UTF8Key(signature.titleKey)
                if let other = firstWithTitle[title] { parent[root(index)] = root(other) } else { firstWithTitle[title] = index }
            }
        }
        // A title cut short joins the full title it starts.
        let fullTitles = firstWithTitle.filter { !signatures[$0.value].isTruncated }.map { (key: $0.key.string, value: $0.value) }
            .sorted { $0.key < $1.key }
        for (index, signature) in signatures.enumerated() where signature.isTruncated {
            let start = signature.titleKey + " "
            guard signature.titleKey.split(separator: " ").count >= 4 else { continue }
            var low = 0
            var high = fullTitles.count
            while low < high {
                let middle = (low + high) / 2
                if fullTitles[middle].key < start { low = middle + 1 } else { high = middle }
            }
            if low < fullTitles.count, fullTitles[low].key.hasPrefix(start) {
                parent[root(index)] = root(fullTitles[low].value)
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for index in signatures.indices {
            let r = root(index)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(index)
        }
        return order.compactMap { groups[$0] }.sorted { $0[0] < $1[0] }
    }

    /// A headline's keys numbered for the batch (comparing small integers, not strings, is
    /// what keeps grouping 100,000 headlines in seconds), weighted, and sorted out for the
    /// evidence test.
    struct NumberedKeys {
        /// Key number → weight, lowered when many headlines of the batch share the key.
        var weights: [Int32: Double]
        /// Keys that are not everyday words of this press, sorted.
        var specific: [Int32]
        /// Of those, the ones about what happened: not weak, not a name, not a skeleton.
        var content: [Int32]

        /// At least two keys in common that are not everyday words of this press, and at
        /// least one of them about what happened: the same names alone make a different
        /// story ("Mahrez: happy to be in Morocco" is not "Mahrez injured").
        func sharesSpecificKeys(with other: NumberedKeys) -> Bool {
            Self.commonCount(specific, other.specific, atLeast: 2) && Self.commonCount(content, other.content, atLeast: 1)
        }

        private static func commonCount(_ a: [Int32], _ b: [Int32], atLeast needed: Int) -> Bool {
            var (i, j, count) = (0, 0, 0)
            while i < a.count, j < b.count {
                if a[i] == b[j] {
                    count += 1
                    if count >= needed { return true }
                    i += 1
                    j += 1
                } else if a[i] < b[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            return false
        }
    }

    /// Each headline's keys numbered and weighted: a story retold by a handful of outlets
    /// keeps its weights; a word in dozens of headlines ("Lions", "Rabat") fades.
    static func numbered(_ signatures: [HeadlineSignature]) -> [NumberedKeys] {
        var numbers: [String: Int32] = [:]
        var frequency: [Int] = []
        var generic = Set<Int32>()
        let keyed = signatures.map { signature in
            signature.keys.map { key, weight -> (key: String, number: Int32, weight: Double) in
                if let number = numbers[key] {
                    frequency[Int(number)] += 1
                    return (key, number, weight)
                }
                let number = Int32(numbers.count)
                numbers[key] = number
                frequency.append(1)
                if StoryVocabulary.genericKeys.contains(key) { generic.insert(number) }
                return (key, number, weight)
            }
        }
        return zip(signatures, keyed).map { signature, keys in
            var weights: [Int32: Double] = [:]
            var specific: [Int32] = []
            var content: [Int32] = []
            for (key, number, weight) in keys {
                let shared = Double(frequency[Int(number)])
                weights[number] = weight / (1 + log2(max(1, shared / commonFrequency)))
                guard !generic.contains(number) else { continue }
                specific.append(number)
                if !StoryVocabulary.weakKeys.contains(key), !signature.names.contains(key), !key.hasPrefix("@") {
                    content.append(number)
                }
            }
            return NumberedKeys(weights: weights, specific: specific.sorted(), content: content.sorted())
        }
    }

    /// A key already in more stories than this finds no candidates.
    static let storiesPerKeyLimit = 64

    /// At most this many stories are scored for each headline.
    static let candidateLimit = 24

    /// Up to this many headlines may share a key before it loses weight.
    static let commonFrequency = 8.0

    /// A story's headlines added up: their weighted keys.
    struct Centroid {
        private(set) var keys: [Int32: Double] = [:]
        private var squaredNorm = 0.0

        init(_ vector: [Int32: Double]) {
            add(vector)
        }

        mutating func add(_ vector: [Int32: Double]) {
            for (key, weight) in vector {
                let old = keys[key] ?? 0
                keys[key] = old + weight
                squaredNorm += (old + weight) * (old + weight) - old * old
            }
        }

        /// Cosine similarity of a headline's weighted keys with the sum.
        func similarity(to vector: [Int32: Double]) -> Double {
            var dot = 0.0, norm = 0.0
            for (key, weight) in vector {
                norm += weight * weight
                if let other = keys[key] { dot += weight * other }
            }
            guard norm > 0, squaredNorm > 0 else { return 0 }
            return dot / (norm * squaredNorm).squareRoot()
        }
    }

    /// The first headlines of a story that a newcomer is checked against.
    static let memberLimit = 12

    // MARK: - Stories

    private static func stories(from groups: [[Int]], items: [SourcedHeadline], signatures: [HeadlineSignature]) -> [Story] {
        var usedIDs = Set<String>()
        var frenchTitles: [String: Bool] = [:]
        func isFrench(_ index: Int) -> Bool {
            let title = items[index].headline.title
            if items[index].headline.language == nil, let known = frenchTitles[title] { return known }
            let french = LanguageGuess.language(of: items[index].headline) == "fr"
            if items[index].headline.language == nil { frenchTitles[title] = french }
            return french
        }
        return groups.sorted { $0[0] < $1[0] }.map { members in
            let french = Dictionary(uniqueKeysWithValues: members.map { ($0, isFrench($0)) })
            let lead = members.min { a, b in leadOrder(items[a], a, french[a] ?? false, items[b], b, french[b] ?? false) } ?? members[0]
            let ordered = [lead] + members.filter { $0 != lead }
            var id = storyID(signatures[lead].titleKey.isEmpty ? items[lead].headline.title : signatures[lead].titleKey)
            if usedIDs.contains(id) {
                var suffix = 2
                while usedIDs.contains("\(id)-\(suffix)") { suffix += 1 }
                id = "\(id)-\(suffix)"
            }
            usedIDs.insert(id)
            return Story(id: id, headlines: ordered.map { items[$0] })
        }
    }

    /// The lead is French if a French headline exists, then the earliest, then the first read.
    private static func leadOrder(_ a: SourcedHeadline, _ ia: Int, _ frA: Bool, _ b: SourcedHeadline, _ ib: Int, _ frB: Bool) -> Bool {
        if frA != frB { return frA }
        switch (a.headline.published, b.headline.published) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return ia < ib
        }
    }

    /// "s-" and 8 hex digits of a 64-bit FNV-1a hash of the lead's folded title: the same
    /// lead gives the same id on every run and every machine.
    static func storyID(_ text: String) -> String {
        let hex = String(FNV1a.hash64(text.utf8) >> 32, radix: 16)
        return "s-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
