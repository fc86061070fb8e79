import CLibXML2

/// An owned libxml2 HTML document with XPath evaluation.
final class HTMLDocument {
    let pointer: htmlDocPtr
    let context: xmlXPathContextPtr

    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    init(parsing bytes: UnsafeRawBufferPointer, baseURL: String?) throws {
        LibXML.initialize()
        // A bad XPath rule is reported as a ParseError, not printed by libxml2 (the handler
        // is per thread in libxml2, so it is set here rather than once).
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        guard bytes.count < Int(Int32.max), let base = bytes.baseAddress,
              let doc = htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), baseURL, "UTF-8", Self.options)
        else { throw ParseError("unreadable HTML") }
        guard let ctx = xmlXPathNewContext(doc) else {
            xmlFreeDoc(doc)
            throw ParseError("out of memory")
        }
        pointer = doc
        context = ctx
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(pointer)
    }

    var root: XMLNodePointer? { xmlDocGetRootElement(pointer) }

    /// What an XPath expression yields from a node.
    enum Value {
        case nodes([XMLNodePointer])
        case text(String)
        case invalid
    }

    func evaluate(_ expression: String, at node: XMLNodePointer? = nil) -> Value {
        context.pointee.node = node ?? root
        guard let result = xmlXPathEvalExpression(expression, context) else { return .invalid }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            var nodes: [XMLNodePointer] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                for i in 0..<Int(set.pointee.nodeNr) {
                    // Namespace nodes are xmlNs structs in disguise: only `type` may be read.
                    if let n = table[i], n.pointee.type != XML_NAMESPACE_DECL { nodes.append(n) }
                }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .text(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .text("\(result.pointee.floatval)")
        case XPATH_BOOLEAN:
            return .text(result.pointee.boolval != 0 ? "true" : "false")
        default:
            return .invalid
        }
    }

    func nodes(_ expression: String, at node: XMLNodePointer? = nil) -> [XMLNodePointer] {
        if case .nodes(let n) = evaluate(expression, at: node) { return n }
        return []
    }

    /// Visible text of a node (script and style dropped), or an attribute's value.
    static func text(of node: XMLNodePointer, limit: Int = 4000) -> String {
        if node.pointee.type == XML_ATTRIBUTE_NODE || node.pointee.type == XML_TEXT_NODE {
            var bytes = [UInt8]()
            if node.pointee.type == XML_TEXT_NODE, let c = node.pointee.content {
                appendCString(c, to: &bytes, limit: 1 << 16)
            } else {
                var child = node.pointee.children
                while let c = child {
                    if let content = c.pointee.content { appendCString(content, to: &bytes, limit: 1 << 16) }
                    child = c.pointee.next
                }
            }
            return PlainText.collapse(bytes, limit: limit)
        }
        var collector = MarkupCollector(kind: .plain)
        collector.collect(childrenOf: node)
        return PlainText.fromHTML(collector.bytes, limit: limit)
    }

    func text(_ value: Value, limit: Int = 4000) -> String? {
        switch value {
        case .nodes(let nodes):
            guard let first = nodes.first else { return nil }
            return Self.text(of: first, limit: limit)
        case .text(let s):
            return PlainText.collapse(Array(s.utf8), limit: limit)
        case .invalid:
            return nil
        }
    }
}
