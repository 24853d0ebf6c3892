// Direct objects from tokens, and indirect objects ("n g obj ... endobj",
// streams included) at a given offset. Bounded nesting and sizes; failures
// are returned as reasons, never thrown.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "pdf/lexer.h"
#include "pdf/object.h"

namespace sealcheck::pdf {

struct IndirectObject final {
  Ref ref;
  Object object;
  std::size_t begin = 0;  // offset of "n g obj"
  std::size_t end = 0;    // one past "endobj" (or where parsing stopped)
};

// Resolves an indirect /Length; may return nullopt when unknown.
using LengthResolver = std::function<std::optional<std::int64_t>(const Ref&)>;

class Parser final {
 public:
  explicit Parser(std::span<const std::uint8_t> data) : m_lexer(data) {}

  // The object starting at the lexer's position. On failure returns nullopt
  // and error() says why.
  std::optional<Object> parse_object(int depth = 0);

  // "n g obj <object> [stream ... endstream] endobj" at offset.
  std::optional<IndirectObject> parse_indirect(std::size_t offset, const LengthResolver& resolve_length = {});

  Lexer& lexer() { return m_lexer; }
  const std::string& error() const { return m_error; }

 private:
  std::optional<Object> fail(std::string why);
  std::optional<Object> parse_after(Token first, int depth);
  std::optional<Object> parse_array(std::size_t begin, int depth);
  std::optional<Object> parse_dict(std::size_t begin, int depth);

  Lexer m_lexer;
  std::string m_error;
};

}  // namespace sealcheck::pdf
