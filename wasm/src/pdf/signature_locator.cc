#include "pdf/signature_locator.h"

#include <algorithm>
#include <string_view>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

bool is_pdf_space(std::uint8_t c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

std::string_view as_chars(std::span<const std::uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// Parses "[ int int ... ]" starting at pos (after skipping white space).
// Integers are optionally signed; at most 8 are read; values beyond 2^53 are
// rejected so no arithmetic later can overflow.
std::optional<std::vector<std::int64_t>> parse_int_array(std::span<const std::uint8_t> f,
                                                         std::size_t pos) {
  while (pos < f.size() && is_pdf_space(f[pos])) ++pos;
  if (pos >= f.size() || f[pos] != '[') return std::nullopt;
  ++pos;
  std::vector<std::int64_t> out;
  for (;;) {
    while (pos < f.size() && is_pdf_space(f[pos])) ++pos;
    if (pos >= f.size()) return std::nullopt;
    if (f[pos] == ']') return out;
    bool negative = false;
    if (f[pos] == '-' || f[pos] == '+') {
      negative = f[pos] == '-';
      ++pos;
    }
    if (pos >= f.size() || f[pos] < '0' || f[pos] > '9') return std::nullopt;
    std::int64_t v = 0;
    while (pos < f.size() && f[pos] >= '0' && f[pos] <= '9') {
      v = v * 10 + (f[pos] - '0');
      if (v > (std::int64_t{1} << 53)) return std::nullopt;
      ++pos;
    }
    // "1 0 R" would be a reference: the next token must be a delimiter.
    if (pos < f.size() && !is_pdf_space(f[pos]) && f[pos] != ']') return std::nullopt;
    out.push_back(negative ? -v : v);
    if (out.size() > 8) return std::nullopt;
  }
}

}  // namespace

ScanResult scan(std::span<const std::uint8_t> file) {
  ScanResult r;
  const std::string_view text = as_chars(file);
  const std::size_t header = text.substr(0, 1024).find("%PDF-");
  r.header_at_zero = header == 0;
  r.header_found_later = header != std::string_view::npos && header != 0;

  static constexpr std::string_view kKey = "/ByteRange";
  for (std::size_t pos = text.find(kKey); pos != std::string_view::npos;
       pos = text.find(kKey, pos + kKey.size())) {
    // "/ByteRanges" or "/ByteRangeX" are other names.
    const std::size_t after = pos + kKey.size();
    if (after < file.size() && !is_pdf_space(file[after]) && file[after] != '[') continue;
    if (r.candidates.size() == limits::kMaxSignatures) {
      r.truncated_scan = true;
      break;
    }
    r.candidates.push_back({pos, parse_int_array(file, after)});
  }
  return r;
}

}  // namespace sealcheck::pdf
