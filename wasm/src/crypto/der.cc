#include "crypto/der.h"

namespace sealcheck {

std::optional<DerTlv> der_next(DerSpan& in) {
  if (in.size() < 2) return std::nullopt;
  DerTlv t;
  t.tag = in[0];
  if ((t.tag & 0x1f) == 0x1f) return std::nullopt;  // multi-byte tags: not in these structures
  std::size_t len = in[1], at = 2;
  if (len & 0x80) {
    const std::size_t n = len & 0x7f;
    if (n == 0 || n > 4 || in.size() < 2 + n) return std::nullopt;  // indefinite or huge
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | in[2 + i];
    at += n;
  }
  if (len > in.size() - at) return std::nullopt;
  t.value = in.subspan(at, len);
  t.whole = in.subspan(0, at + len);
  in = in.subspan(at + len);
  return t;
}

std::optional<DerTlv> der_expect(DerSpan& in, std::uint8_t tag) {
  auto t = der_next(in);
  if (!t || t->tag != tag) return std::nullopt;
  return t;
}

std::vector<std::uint8_t> der_tlv(std::uint8_t tag, DerSpan value) {
  std::vector<std::uint8_t> out{tag};
  const std::size_t n = value.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else {
    std::vector<std::uint8_t> len;
    for (std::size_t v = n; v; v >>= 8) len.insert(len.begin(), static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(0x80 | len.size()));
    out.insert(out.end(), len.begin(), len.end());
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

std::string oid_text(DerSpan content) {
  if (content.empty() || content.back() & 0x80) return {};
  std::string out;
  std::uint64_t v = 0;
  bool first = true;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (v > (UINT64_MAX >> 7)) return {};
    if (v == 0 && content[i] == 0x80) return {};  // non-minimal
    v = (v << 7) | (content[i] & 0x7f);
    if (content[i] & 0x80) continue;
    if (first) {
      const std::uint64_t a = v < 80 ? v / 40 : 2;
      out = std::to_string(a) + "." + std::to_string(v - a * 40);
      first = false;
    } else {
      out += "." + std::to_string(v);
    }
    v = 0;
  }
  return out;
}

}  // namespace sealcheck
