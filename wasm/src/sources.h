// One certificate, two sources: the text printed on the sealed pages and
// the embedded data block. Every field both carry must agree (after folding
// for matching); a field only one carries is taken from it, and the report
// says which source each field came from.
#pragma once

#include <optional>
#include <string>

#include "sealcheck/certificate.h"
#include "sealcheck/codes.h"
#include "sealcheck/report.h"
#include "text/page_certificate.h"

namespace sealcheck {

struct MergedCertificate final {
  bool ok = false;
  Code code = Code::kOk;  // when !ok
  std::string detail;
  CertificateDocument document;
  FieldSources sources;
};

// page: a page reading with outcome kRead, or null; embedded: the parsed
// block, or null. With neither, !ok and code kNoCertificateData.
MergedCertificate merge_sources(const text::PageCertificate* page, const CertificateDocument* embedded);

}  // namespace sealcheck
