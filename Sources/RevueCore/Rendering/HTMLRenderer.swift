import Foundation

/// The HTML digest (`Digests/YYYY-MM-DD.html`): one self-contained HTML5 page, no
/// script, no external resource, a plain layout that mail clients render as well as
/// browsers. Every string that came from a feed goes through `HTMLEscape`; links are
/// only ever http or https.
public enum HTMLRenderer {
    public static func render(_ digest: Digest) -> String {
        render(DigestLayout(digest))
    }

    /// From a layout already made (the text, HTML and mail renderings share one).
    static func render(_ layout: DigestLayout) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscape.text(layout.title)) — \(HTMLEscape.text(layout.dateLine))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(HTMLEscape.text(layout.title))</h1>
            <p class="date">\(HTMLEscape.text(layout.dateLine))</p>
            <p class="window">\(HTMLEscape.text(layout.windowLine)).</p>
            </header>

            """
        if !layout.frontPage.isEmpty {
            html += "<section class=\"une\">\n<h2>À la une</h2>\n<ol>\n"
            for entry in layout.frontPage {
                html += "<li>\(linkedTitle(entry.title, entry.link)) "
                html += "<span class=\"meta\">\(HTMLEscape.text(entry.theme.label)) · \(entry.sources.count) sources</span></li>\n"
            }
            html += "</ol>\n</section>\n"
        }
        if layout.sections.isEmpty {
            html += "<p>Aucun article publié dans cette période.</p>\n"
        }
        for section in layout.sections {
            html += "<section id=\"\(section.theme.rawValue)\">\n<h2>\(HTMLEscape.text(section.theme.label))</h2>\n"
            for entry in section.entries {
                html += article(entry)
            }
            html += "</section>\n"
        }
        html += footer(layout)
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func article(_ entry: DigestLayout.Entry) -> String {
        var html = "<article>\n<h3>\(linkedTitle(entry.title, entry.link))</h3>\n"
        var meta = HTMLEscape.text(entry.sources.joined(separator: ", "))
        if let time = entry.time {
            meta += (meta.isEmpty ? "" : " · ") + "<span class=\"time\">\(HTMLEscape.text(time))</span>"
        }
        if !meta.isEmpty { html += "<p class=\"meta\">\(meta)</p>\n" }
        if !entry.retellings.isEmpty {
            html += "<ul class=\"aussi\">\n"
            for retelling in entry.retellings {
                let language = retelling.title.language.map { "<span class=\"lang\">\(HTMLEscape.text($0))</span> " } ?? ""
                html += "<li>\(language)\(linkedTitle(retelling.title, retelling.link)) — \(HTMLEscape.text(retelling.source))</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</article>\n"
    }

    static func footer(_ layout: DigestLayout) -> String {
        var html = "<footer>\n<p>\(HTMLEscape.text(layout.coverage.summary)).</p>\n"
        if !layout.coverage.failures.isEmpty {
            html += "<p>En échec :</p>\n<ul class=\"echecs\">\n"
            for failure in layout.coverage.failures {
                html += "<li><strong>\(HTMLEscape.text(failure.source))</strong> — \(HTMLEscape.text(failure.explanation))</li>\n"
            }
            html += "</ul>\n"
        }
        html += "<p>Édition générée le \(HTMLEscape.text(layout.generatedLine)).</p>\n</footer>\n"
        return html
    }

    /// The title, marked with its language and direction, inside a link when it has one.
    static func linkedTitle(_ title: DigestLayout.Title, _ link: String?) -> String {
        var attributes = ""
        if title.isRightToLeft { attributes += " dir=\"rtl\"" }
        if let language = title.language, language != DigestLayout.digestLanguage {
            attributes += " lang=\"\(HTMLEscape.attribute(language))\""
        }
        let text = attributes.isEmpty
            ? HTMLEscape.text(title.text)
            : "<span\(attributes)>\(HTMLEscape.text(title.text))</span>"
        guard let link = WebLink.validated(link) else { return text }
        return "<a href=\"\(HTMLEscape.attribute(link))\">\(text)</a>"
    }

    /// Simple rules that mail clients keep: no layout tables, no web fonts, no images.
    static let stylesheet = """
        body{margin:0;padding:12px;background:#f4f3ef;color:#1f1f1f;font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.45}
        main{max-width:680px;margin:0 auto;padding:8px 20px 16px;background:#ffffff}
        h1{margin:12px 0 0;font-size:28px}
        h2{margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #1f1f1f;font-size:20px}
        h3{margin:0;font-size:17px;font-weight:bold}
        a{color:#0b4f8a;text-decoration:none}
        article{margin:0 0 14px}
        .date{margin:2px 0;font-size:18px}
        .window,.meta,footer{color:#5b5b5b;font-family:Arial,Helvetica,sans-serif;font-size:13px}
        .meta{margin:2px 0}
        .une ol{padding-left:22px}
        .une li{margin-bottom:6px}
        .aussi{margin:2px 0;padding-left:18px;font-size:14px}
        .lang{display:inline-block;padding:0 4px;border:1px solid #bbbbbb;border-radius:3px;font-family:Arial,Helvetica,sans-serif;font-size:11px;text-transform:uppercase;color:#5b5b5b}
        [dir=rtl]{unicode-bidi:isolate}
        footer{margin-top:28px;padding-top:8px;border-top:1px solid #cccccc}
        """
}

/// HTML escaping for text content and for double-quoted attribute values (the only
/// kind this renderer writes, so an apostrophe needs no escape: French text stays legible).
enum HTMLEscape {
    static func text(_ value: String) -> String {
        // Work on UTF-8 bytes: the five characters are ASCII, and this runs on every
        // string of the page.
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
            return value
        }
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case 0x26: result += Array("&amp;".utf8)
            case 0x3C: result += Array("&lt;".utf8)
            case 0x3E: result += Array("&gt;".utf8)
            case 0x22: result += Array("&quot;".utf8)
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func attribute(_ value: String) -> String { text(value) }
}
