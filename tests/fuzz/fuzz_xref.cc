// libFuzzer target: xref tables and streams, revisions, object streams,
// repair, and signature discovery.
#include <cstddef>
#include <cstdint>

#include "pdf/document.h"
#include "pdf/signatures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sealcheck::pdf::Document doc = sealcheck::pdf::Document::load({data, size});
  if (!doc.usable()) return 0;
  std::size_t n = 0;
  for (std::uint32_t num : doc.object_numbers()) {
    if (++n > 2000) break;
    (void)doc.resolve(doc.get(num));
  }
  (void)sealcheck::pdf::find_signatures(doc);
  return 0;
}
