/// The progress line of the fetch on a terminal: how far, the last answer, and which
/// sources are still awaited, so that a run waiting on a slow server says which one.
public struct FetchProgress: Sendable {
    private var pending: [String]
    private let total: Int

    public init(sources: [String]) {
        pending = sources
        total = sources.count
    }

    /// Records an answer and returns the line to show.
    public mutating func done(_ name: String, failed: Bool) -> String {
        if let i = pending.firstIndex(of: name) { pending.remove(at: i) }
        var line = "[\(total - pending.count)/\(total)] \(failed ? "✗" : "✓") \(name)"
        if !pending.isEmpty, pending.count <= total / 2 || pending.count <= 3 {
            let shown = pending.prefix(3).joined(separator: ", ")
            line += " · en attente : \(shown)\(pending.count > 3 ? " +\(pending.count - 3)" : "")"
        }
        return line
    }
}
