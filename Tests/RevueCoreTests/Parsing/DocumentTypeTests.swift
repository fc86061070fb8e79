import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import RevueCore

/// A document type declaration before the root changes nothing: the root element says what
/// the document is, and no DTD or external entity is ever fetched.
final class DocumentTypeTests: XCTestCase {
    func testAnXHTMLDoctypeBeforeAnRSSRootIsStillAFeed() throws {
        let data = try ParsingFixtures.data("xhtml-doctype-before-rss.xml")
        XCTAssertTrue(ParsingFixtures.readsFlat(data))
        for feed in try ParsingFixtures.parseBothWays(data) {
            XCTAssertEqual(feed.format, .rss)
            XCTAssertEqual(feed.title, "Hespress FR")
            XCTAssertEqual(feed.items.first?.title, "Le Parlement adopte la loi de finances")
        }
    }

    func testTheNetscapeRSS091DoctypeIsReadWithoutItsDTD() throws {
        let data = try ParsingFixtures.data("rss-0.91-netscape-doctype.xml")
        XCTAssertTrue(ParsingFixtures.readsFlat(data))
        for feed in try ParsingFixtures.parseBothWays(data) {
            XCTAssertEqual(feed.title, "Maroc Diplomatique")
            XCTAssertEqual(feed.language, "fr")
            XCTAssertEqual(feed.items.first?.title, "Sommet de l’UA : le Maroc préside")
            XCTAssertEqual(feed.items.first?.summary, "Rabat & Addis-Abeba")
        }
    }

    /// An internal subset may declare entities: libxml2 reads it (internal entities only).
    func testAnInternalSubsetIsReadByLibxml2() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE rss [
              <!ENTITY site "Le360">
              <!-- une apostrophe ' dans un commentaire -->
              <!ENTITY piege "<title>pas une page</title>">
            ]>
            <rss version="2.0"><channel><title>&site; : l'essentiel</title><item><title>CAN 2025</title></item></channel></rss>
            """
        let data = Data(xml.utf8)
        XCTAssertFalse(ParsingFixtures.readsFlat(data))
        XCTAssertEqual(data.withUnsafeBytes { FormatSniffer.sniff($0) }, .xml)
        for feed in try ParsingFixtures.parseBothWays(data) {
            XCTAssertEqual(feed.title, "Le360 : l'essentiel")
            XCTAssertEqual(feed.items.first?.title, "CAN 2025")
        }
    }

    func testTheRootElementDecidesBetweenPageAndFeed() {
        let cases: [(String, FormatSniffer.Kind)] = [
            ("<!DOCTYPE html>\n<html><head><title>x</title></head></html>", .html),
            ("<!DOCTYPE html>\n<header class='top'>x</header>", .html),
            ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\"><rss><channel/></rss>", .xml),
            ("<!DOCTYPE html><feed xmlns='http://www.w3.org/2005/Atom'/>", .xml),
            ("<!DOCTYPE rss [<!ENTITY x '<html>'> <!ENTITY y \"]>\">]><rss/>", .xml),
            ("<!DOCTYPE rdf:RDF><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", .xml),
        ]
        for (text, kind) in cases {
            XCTAssertEqual(Array(text.utf8).withUnsafeBytes { FormatSniffer.sniff($0) }, kind, text)
        }
    }

    /// External DTDs, external entities and parameter entities all name a server on the
    /// loopback: none of the ways of reading a document may connect to it.
    func testNoDTDOrExternalEntityIsFetched() throws {
        let listener = try LoopbackListener()
        let url = "http://127.0.0.1:\(listener.port)/rss-0.91.dtd"
        let documents = [
            "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"\(url)\"><rss version=\"0.91\"><channel><title>a &eacute; b</title></channel></rss>",
            "<!DOCTYPE rss SYSTEM \"\(url)\"><rss><channel><title>t</title></channel></rss>",
            "<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"\(url)\"> %remote; <!ENTITY xxe SYSTEM \"\(url)\">]><rss><channel><title>a &xxe; b</title></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE feed SYSTEM \"\(url)\"><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title></entry></feed>",
        ]
        for text in documents {
            for feed in try ParsingFixtures.parseBothWays(Data(text.utf8)) {
                XCTAssertFalse((feed.title ?? "").contains("DOCTYPE"), text)
            }
        }
        XCTAssertFalse(listener.wasContacted, "a parser connected to \(url)")
    }
}

/// A TCP socket listening on 127.0.0.1 that only records whether anyone connected.
final class LoopbackListener {
    let port: Int
    private let fd: Int32

    init() throws {
        guard let (fd, port) = loopbackSocket(listening: true), fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0
        else { throw ParseError("cannot listen on 127.0.0.1") }
        self.fd = fd
        self.port = port
    }

    /// A connection waits in the backlog even if nobody accepted it.
    var wasContacted: Bool {
        let connection = accept(fd, nil, nil)
        if connection >= 0 { close(connection) }
        return connection >= 0
    }

    deinit { close(fd) }
}
