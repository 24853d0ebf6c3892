// A sealed file's CMS (its one /Contents hex string), read and rewritten in
// place, for tests and the corpus generator: a seal as another signer would
// have written it, or with an unsigned attribute added after sealing.
#pragma once

#include <openssl/cms.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "crypto/ossl.h"

namespace sealcheck::testing {

// [start, end) of the hex digits of the first "/Contents <...>".
inline std::pair<std::size_t, std::size_t> contents_digits(const std::string& text) {
  const std::size_t open = text.find("/Contents <");
  if (open == std::string::npos) throw std::runtime_error("no /Contents hex string");
  const std::size_t start = open + 11, end = text.find('>', start);
  if (end == std::string::npos) throw std::runtime_error("unterminated /Contents");
  return {start, end};
}

inline ossl::Cms contents_cms(const std::vector<std::uint8_t>& pdf) {
  const std::string text(pdf.begin(), pdf.end());
  const auto [start, end] = contents_digits(text);
  std::vector<std::uint8_t> der;
  for (std::size_t i = start; i + 1 < end; i += 2) {
    der.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  }
  const unsigned char* p = der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) throw std::runtime_error("/Contents is no CMS");
  return cms;
}

// The file with its CMS changed by `edit` and written back into the same
// placeholder, zero-padded (the signed bytes are untouched).
inline std::vector<std::uint8_t> with_cms_edited(const std::vector<std::uint8_t>& pdf,
                                                 const std::function<void(CMS_ContentInfo*)>& edit) {
  ossl::Cms cms = contents_cms(pdf);
  edit(cms.get());
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(cms.get(), &der);
  std::string text(pdf.begin(), pdf.end());
  const auto [start, end] = contents_digits(text);
  if (len <= 0 || static_cast<std::size_t>(2 * len) > end - start) {
    OPENSSL_free(der);
    throw std::runtime_error("the CMS does not fit its placeholder");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (int i = 0; i < len; ++i) hex += {kHex[der[i] >> 4], kHex[der[i] & 15]};
  OPENSSL_free(der);
  hex.resize(end - start, '0');
  text.replace(start, hex.size(), hex);
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

}  // namespace sealcheck::testing
