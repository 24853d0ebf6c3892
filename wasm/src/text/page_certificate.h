// The certificate as its sealed pages print it: every page's text (bounded
// by limits.h), read into lines and labelled fields, then checked and
// converted into the certificate model. A separate source beside the
// embedded data block; sources.h compares the two.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "pdf/document.h"
#include "sealcheck/certificate.h"
#include "sealcheck/codes.h"
#include "text/content.h"
#include "text/fields.h"
#include "text/fonts.h"

namespace sealcheck::text {

struct PageCertificate final {
  enum class Outcome {
    kRead,       // labelled fields found and readable (see `present`)
    kNoLabels,   // text, but none of the labels
    kImageOnly,  // no text at all, but images or text drawn as outlines: the details are a picture
    kEmpty,      // neither text nor images
    kRefused,    // the page cannot be read unambiguously: `code`, `detail`
  };
  Outcome outcome = Outcome::kEmpty;
  Code code = Code::kOk;
  std::string detail;
  CertificateDocument document;  // the fields `present` says
  std::array<bool, kFieldCount> present{};
  bool annotation = false;         // an annotation is printed (document.annotation)
  std::vector<std::string> lines;  // the pages' text lines, for a person to compare
  bool needs_gbk = false;
};

PageCertificate read_page_certificate(pdf::Document& doc, const Tables& tables);
// The same from pages already interpreted (any format's: PDF content
// streams, OFD text objects). `truncated`: the document has more pages
// than limits::kMaxTextPages, which is refused.
PageCertificate certificate_from_pages(const std::vector<PageContent>& pages, bool truncated);

// "2022年3月16日", "2022-03-16", "2022.03.16", "2022/03/16" (folded, without
// spaces) -> "2022-03-16"; consumes what it read from `at`.
std::optional<std::string> parse_printed_date(std::u32string_view s, std::size_t& at);

}  // namespace sealcheck::text
