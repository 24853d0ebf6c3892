// What may follow the last seal: revisions that carry only long-term
// validation data (PAdES B-LT / B-LTA) -- a /DSS dictionary of
// certificates, CRLs and OCSP responses, and document timestamps -- judged
// by a strict allow-list comparison of the sealed revision with the final
// one (pyHanko's difference analysis, reduced to what validation data
// needs). Anything else after the seal stays "modified after sealing".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "pdf/document.h"

namespace sealcheck {

struct ValidationRevisions final {
  bool ok = false;
  std::string detail;         // what they carry, or the first thing not allowed
  std::size_t revisions = 0;  // how many follow the sealed one
};

// `full`: the whole file; `sealed`: the file cut at `sealed_end`, where the
// last seal's signed bytes end (the sealed revision as its own document).
// Allowed after it, and nothing else:
//  - new objects no sealed object refers to;
//  - the catalog redefined with only /DSS (keys Type, Certs, CRLs, OCSPs,
//    VRI) and /AcroForm changed;
//  - the form (and its /Fields array) gaining fields, each a document
//    timestamp (/FT /Sig whose /V is a /DocTimeStamp, ETSI.RFC3161) whose
//    widget has no area; /SigFlags may change;
//  - a page (and its /Annots array) gaining those widgets;
//  - the document information dictionary changing only /ModDate, /Producer.
ValidationRevisions check_validation_revisions(std::span<const std::uint8_t> file, pdf::Document& full,
                                               pdf::Document& sealed, std::size_t sealed_end);

}  // namespace sealcheck
