// libFuzzer target: the JSON reader and the certificate data model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sealcheck/certificate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  if (auto doc = sealcheck::parse_certificate_document(text, &error)) {
    // What we write must read back.
    if (!sealcheck::parse_certificate_document(sealcheck::to_json(*doc))) __builtin_trap();
  }
  (void)sealcheck::parse_certificate_input(text, &error);
  return 0;
}
