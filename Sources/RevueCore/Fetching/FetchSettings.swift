/// Limits and manners of the fetch stage. The defaults suit a morning run over a few dozen
/// news sites: everything is bounded so that the run ends in about 11 s whatever happens.
public struct FetchSettings: Sendable, Hashable {
    /// Transfers running at once, all hosts together.
    public var maxConnections = 256
    /// Connections to one host at once (0: no limit). The feeds of an HTTP/2 host share
    /// one connection whatever this says (CURLOPT_PIPEWAIT). No limit by default: each
    /// source costs one request a day, and an HTTP/1.1 host that serves many of the
    /// configured feeds (an aggregator, a press group) gets them in one round trip rather
    /// than in waves, which a limit would make outlast the deadline (6 per host: 2,000 feeds
    /// of one host, 320 read in 11 s); `max_per_host` in the config makes revue gentler.
    public var maxPerHost = 0
    /// Name lookup included: libcurl counts resolving as part of connecting.
    public var connectTimeout: Duration = .seconds(5)
    /// Whole transfer, redirects included.
    public var transferTimeout: Duration = .seconds(10)
    /// A transfer slower than `lowSpeedLimit` bytes/s during `lowSpeedTime` is cut
    /// (a server that trickles bytes, or one that holds the request without answering).
    public var lowSpeedLimit = 512
    public var lowSpeedTime: Duration = .seconds(8)
    /// Largest body accepted, counted after decompression (a gzip bomb is cut).
    public var maxBodyBytes = 10 << 20
    public var maxRedirects = 5
    /// Tries per source for transient failures (refused, reset, timeout, 429, 5xx).
    public var maxAttempts = 3
    /// First wait before a retry; doubles on each further retry. Retry-After wins.
    public var retryDelay: Duration = .milliseconds(250)
    /// First wait after a 429 that says nothing of Retry-After: the server asked us to slow
    /// down, so seconds rather than the quick backoff of a dropped connection. Doubles too;
    /// a wait that would end past the deadline is not made.
    public var rateLimitDelay: Duration = .seconds(3)
    /// Budget of the whole fetch stage when the caller gives no deadline.
    public var stageTimeout: Duration = .seconds(11)
    public var userAgent = "revue/\(RevueVersion.current) (+press review digest)"
    /// Extra trusted certificates (a PEM file), for a site or proxy signed by a private
    /// authority, trusted besides the system's. Verification stays on.
    public var extraCertificates: String?
    /// Where the system's authorities are: libcurl's own defaults, replaced only by tests.
    var systemCertificates = SystemCertificates.libcurlDefault
    /// The proxy every request goes through ("http://proxy.example:3128", https://,
    /// socks5h://...). nil: libcurl reads http_proxy, https_proxy and no_proxy, which cron's
    /// environment seldom has.
    public var proxy: String?
    /// Follow a redirect from an https address to a plain http one. Off: the feed would
    /// come in clear text, open to tampering, while the configuration asked for https.
    public var allowRedirectToHTTP = false
    /// file:// is allowed for configured sources (the offline demo), never from a redirect.
    public var allowFileURLs = true

    public init() {}

    /// Transfers queued in libcurl at once: a few more than the connections keep every
    /// connection busy; many more would only hold easy handles and, once answered, bodies
    /// waiting for the parser.
    var transfersInFlight: Int {
        maxConnections > 0 ? maxConnections + max(16, maxConnections / 8) : 1024
    }
}
