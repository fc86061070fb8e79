#ifndef REVUE_CLIBXML2_SHIM_H
#define REVUE_CLIBXML2_SHIM_H
// Debian's libxml2 headers pull in the system ICU, whose UErrorCode clashes with
// Foundation's bundled ICU on a clean build. libxml2 converts encodings with iconv
// anyway, so hide ICU before anything else is included.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/encoding.h>
#include <libxml/entities.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer: Swift 6 rejects it as shared mutable state.
static inline void revue_xml_free(void *p) { xmlFree(p); }
#endif
