// The certificate as an OFD document's pages print it: every page's (and
// its templates') TextObjects placed in page space, fed to the same line
// and label reader as a PDF's pages (text/page_certificate.h). TextCode is
// Unicode text already; no font is needed to read it.
#pragma once

#include "ofd/package.h"
#include "text/page_certificate.h"

namespace sealcheck::ofd {

text::PageCertificate read_page_certificate(const OfdPackage& pkg);

// One page's Content.xml (and the templates it names) as placed glyphs,
// in points from the page's lower left, y up (for tests and the fuzzer).
text::PageContent interpret_page(const OfdPackage& pkg, const OfdPage& page);

// A DeltaX/DeltaY list: numbers, "g N V" standing for N copies of V; at
// most `max` values (the rest dropped: they would place no glyph).
std::optional<std::vector<double>> parse_deltas(std::string_view s, std::size_t max);

}  // namespace sealcheck::ofd
