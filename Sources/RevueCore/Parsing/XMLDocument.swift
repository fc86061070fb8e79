import CLibXML2

/// One-time libxml2 setup: parsing from many threads is safe after `xmlInitParser`.
enum LibXML {
    private static let once: Void = { xmlInitParser() }()
    static func initialize() { _ = once }
}

/// An owned libxml2 document, parsed recovering from errors and never touching the network
/// or the disk: no `XML_PARSE_NOENT` (external entities stay unread), `NONET`, and the
/// bytes are already UTF-8 (the declared encoding is ignored).
final class XMLDocument {
    let pointer: xmlDocPtr
    let wellFormed: Bool

    static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_COMPACT.rawValue)

    init(parsing bytes: UnsafeRawBufferPointer, baseURL: String?) throws {
        guard let ctxt = xmlNewParserCtxt() else { throw ParseError("out of memory") }
        defer { xmlFreeParserCtxt(ctxt) }
        guard bytes.count < Int(Int32.max), let base = bytes.baseAddress else { throw ParseError("empty document") }
        let doc = xmlCtxtReadMemory(
            ctxt, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), baseURL, nil, Self.options)
        guard let doc else { throw ParseError("unreadable XML") }
        pointer = doc
        wellFormed = ctxt.pointee.wellFormed != 0
    }

    deinit { xmlFreeDoc(pointer) }

    var root: XMLNodePointer? { xmlDocGetRootElement(pointer) }
}
