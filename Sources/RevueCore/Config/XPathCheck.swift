import CLibXML2

/// Compiles an XPath expression once, so that a broken rule is a configuration error with
/// its line rather than a failed source every morning.
enum XPathCheck {
    static func compiles(_ expression: String) -> Bool {
        LibXML.initialize()
        // libxml2 prints XPath errors to stderr by default; the parsers silence them the same way.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }
}
