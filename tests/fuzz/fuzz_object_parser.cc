// libFuzzer target: the tokenizer and object parser on arbitrary bytes.
#include <cstddef>
#include <cstdint>

#include "pdf/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sealcheck::pdf::Parser parser({data, size});
  for (int i = 0; i < 1000; ++i) {
    const std::size_t before = parser.lexer().position();
    if (!parser.parse_object()) {
      // Skip one byte past an error so every position gets exercised.
      parser.lexer().seek(before + 1);
      if (before >= size) break;
    }
  }
  sealcheck::pdf::Parser indirect({data, size});
  (void)indirect.parse_indirect(0);
  return 0;
}
