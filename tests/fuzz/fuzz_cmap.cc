// libFuzzer target: CMap programs (ToUnicode and encoding CMaps). The map
// stays within its code limit, and splitting any bytes into codes always
// advances and stays in bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sealcheck/limits.h"
#include "text/cmap.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sealcheck::text;
  const CMap m = CMap::parse({data, size});
  if (m.unicode_count() > sealcheck::limits::kMaxCMapCodes) __builtin_trap();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t before = i;
    const CharCode c = m.next_code(bytes, i);
    if (i <= before || i > bytes.size() || c.length < 1 || c.length > 4) __builtin_trap();
    (void)m.unicode(c.value);
    (void)m.cid(c);
  }
  (void)utf16be_to_u32(bytes);
  return 0;
}
