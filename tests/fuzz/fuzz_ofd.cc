// libFuzzer target: the OFD layer. An input that starts like a ZIP is a
// whole package through verify_file (package model, references, signed
// value, page text); anything else is one XML part through the XML layer
// and the number and delta lists the page reader parses from attributes.
#include <cstddef>
#include <cstdint>

#include "ofd/page_text.h"
#include "ofd/xml.h"
#include "sealcheck/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes{data, size};
  if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
    sealcheck::VerifyOptions o;
    o.validation_time = 1764547200;  // 2025-12-01
    (void)sealcheck::verify_file(bytes, o);
    return 0;
  }
  const sealcheck::ofd::XmlDocument x = sealcheck::ofd::parse_xml(bytes);
  for (const auto& node : x.nodes) {
    for (const auto& [name, value] : node.attributes) {
      (void)sealcheck::ofd::parse_numbers(value, 64);
      (void)sealcheck::ofd::parse_deltas(value, 64);
    }
  }
  return 0;
}
