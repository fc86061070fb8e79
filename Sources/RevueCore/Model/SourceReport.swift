import Foundation

/// Why a source gave nothing, classified so that a reader (and a script) can act on it.
public enum FailureReason: String, Codable, Sendable, CaseIterable {
    case dns
    case connect
    case tls
    case timeout
    case tooSlow = "too-slow"
    case tooLarge = "too-large"
    case httpStatus = "http-status"
    case redirect
    case parse
    case empty
    case cancelled
    case other

    /// Short French wording for the digest footer.
    public var label: String {
        switch self {
        case .dns: "nom de domaine introuvable"
        case .connect: "connexion impossible"
        case .tls: "erreur TLS"
        case .timeout: "délai dépassé"
        case .tooSlow: "débit trop lent"
        case .tooLarge: "réponse trop volumineuse"
        case .httpStatus: "erreur HTTP"
        case .redirect: "redirection refusée"
        case .parse: "contenu illisible"
        case .empty: "aucun titre"
        case .cancelled: "annulé (échéance)"
        case .other: "erreur"
        }
    }
}

/// What happened to one source during a run.
public struct SourceReport: Sendable, Codable, Hashable {
    public enum Status: String, Codable, Sendable {
        case ok
        case notModified = "not-modified"
        case failed
    }

    public var name: String
    public var url: String
    public var status: Status
    /// Headlines read (for not-modified: re-used from the last good run).
    public var items: Int
    public var reason: FailureReason?
    /// Human detail: "HTTP 503", "timed out after 10 s"...
    public var detail: String?
    /// First run of the current failure streak, if the source failed before.
    public var failingSince: Date?

    public init(
        name: String, url: String, status: Status, items: Int = 0, reason: FailureReason? = nil,
        detail: String? = nil, failingSince: Date? = nil
    ) {
        self.name = name
        self.url = url
        self.status = status
        self.items = items
        self.reason = reason
        self.detail = detail
        self.failingSince = failingSince
    }
}
