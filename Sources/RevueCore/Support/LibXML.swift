import CLibXML2

/// Small readers over libxml2's tree for the config readers (OPML).
extension LibXML {
    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { revue_xml_free(value) }
        return String(cString: value)
    }
}
