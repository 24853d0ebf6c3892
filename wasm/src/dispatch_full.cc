// PDF and OFD (see dispatch.h).
#include "dispatch.h"
#include "ofd/package.h"
#include "ofd/verify_ofd.h"
#include "sealcheck/limits.h"

namespace sealcheck {

Report verify_file(ByteView file, const VerifyOptions& options, ListMemory* memory) {
  if (!ofd::looks_like_zip(file)) return verify_pdf(file, options, memory);
  if (file.size() > limits::kMaxFileBytes) return oversized_report(options);
  return verify_ofd(file, options, memory);
}

std::optional<std::string> certificate_number_of(ByteView file, ByteView gbk_table) {
  if (!ofd::looks_like_zip(file)) return pdf_certificate_number(file, gbk_table);
  return file.size() > limits::kMaxFileBytes ? std::nullopt : ofd_certificate_number(file);
}

std::size_t page_text_lines(ByteView file, ByteView gbk_table) {
  if (!ofd::looks_like_zip(file)) return pdf_page_text_lines(file, gbk_table);
  return file.size() > limits::kMaxFileBytes ? 0 : ofd_page_text_lines(file);
}

}  // namespace sealcheck
