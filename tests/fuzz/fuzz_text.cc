// libFuzzer target: PDF text strings, the attachment filters (ASCIIHex,
// ASCII85, Flate, chains) and the certificate text checks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pdf/filters.h"
#include "pdf/text_string.h"
#include "sealcheck/certificate.h"
#include "utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Whatever the bytes, the decoded name is well-formed UTF-8.
  const sealcheck::pdf::TextString t = sealcheck::pdf::decode_text_string(text);
  if (!sealcheck::utf8_valid(t.utf8)) __builtin_trap();
  (void)sealcheck::is_clean_text(text);
  (void)sealcheck::is_canonical_number(text);
  if (size == 0) return 0;
  // The first byte picks a filter chain, the rest is the stream's data.
  using namespace sealcheck::pdf;
  static const char* const kNames[] = {"ASCIIHexDecode", "ASCII85Decode", "FlateDecode", "AHx", "A85", "Fl",
                                       "LZWDecode"};
  Array chain;
  for (int i = 0; i < 3; ++i) {
    const int pick = (data[0] >> (i * 3)) & 7;
    if (pick < 7) chain.push_back(Object(Name{kNames[pick]}));
  }
  Dict d;
  d.entries.emplace_back("Filter", Object(std::make_shared<const Array>(chain)));
  const Decoded out = decode_stream(d, {data + 1, size - 1}, 1u << 20);
  if (out.bytes.size() > (1u << 20)) __builtin_trap();
  return 0;
}
