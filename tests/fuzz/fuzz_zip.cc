// libFuzzer target: the OFD package's ZIP reader -- end record, central
// directory, local headers, the tiling of entries -- and extraction of
// every entry (inflate bounds, CRC-32).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ofd/zip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> file{data, size};
  const sealcheck::ofd::ZipArchive a = sealcheck::ofd::read_zip(file);
  for (const auto& e : a.entries) {
    std::string error;
    (void)sealcheck::ofd::zip_extract(file, e, &error);
  }
  return 0;
}
