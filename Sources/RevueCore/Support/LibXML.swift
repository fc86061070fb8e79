import CLibXML2

/// Small helpers over libxml2's tree for the config readers.
enum LibXML {
    /// libxml2 wants its global state set up once, before parsing from several threads.
    static func initialize() { _ = initialized }
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { revue_xml_free(value) }
        return String(cString: value)
    }
}
