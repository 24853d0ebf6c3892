// PDF only (see dispatch.h): an OFD package is answered "not a PDF", with
// the reason, and never read.
#include "dispatch.h"

namespace sealcheck {

Report verify_file(ByteView file, const VerifyOptions& options, ListMemory* memory) {
  const bool zip = file.size() >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
  if (!zip) return verify_pdf(file, options, memory);
  Report r = verify_pdf(file, options, memory);  // not-pdf, as for any other file
  for (Check& c : r.checks) {
    if (c.id == CheckId::kInput) c.detail = "an OFD package: this engine reads PDF only";
  }
  return r;
}

std::optional<std::string> certificate_number_of(ByteView file, ByteView gbk_table) {
  return pdf_certificate_number(file, gbk_table);
}

std::size_t page_text_lines(ByteView file, ByteView gbk_table) { return pdf_page_text_lines(file, gbk_table); }

}  // namespace sealcheck
