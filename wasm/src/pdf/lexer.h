// PDF tokenizer over an in-memory file. Never reads past the buffer; every
// token is bounded by limits.h; malformed input yields an Error token with a
// reason, never an exception.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sealcheck::pdf {

enum class TokenType {
  kEof,
  kError,
  kInteger,
  kReal,
  kName,
  kString,     // literal (...)
  kHexString,  // <...>
  kArrayOpen,
  kArrayClose,
  kDictOpen,
  kDictClose,
  kKeyword,  // true false null obj endobj stream endstream R xref trailer startxref ...
};

struct Token final {
  TokenType type = TokenType::kEof;
  std::size_t begin = 0;  // span in the file
  std::size_t end = 0;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // decoded string/name bytes, keyword text, or error reason
};

bool is_pdf_whitespace(std::uint8_t c) noexcept;
bool is_pdf_delimiter(std::uint8_t c) noexcept;
// The value of one hex digit, or -1.
int hex_digit(std::uint8_t c) noexcept;

// The value of [+-]digits[.digits] (checked by the caller), correctly
// rounded for up to 19 significant digits, without the C library's float
// scanner. Shared with the OFD reader's number lists.
double decimal_value(std::string_view text);

class Lexer final {
 public:
  explicit Lexer(std::span<const std::uint8_t> data, std::size_t pos = 0) : m_data(data), m_pos(pos) {}

  Token next();
  std::size_t position() const noexcept { return m_pos; }
  void seek(std::size_t pos) noexcept { m_pos = pos < m_data.size() ? pos : m_data.size(); }
  void skip_whitespace_and_comments() noexcept;
  std::span<const std::uint8_t> data() const noexcept { return m_data; }

 private:
  Token number(std::size_t start);
  Token name(std::size_t start);
  Token literal_string(std::size_t start);
  Token hex_string(std::size_t start);
  Token error(std::size_t start, const char* why);

  std::span<const std::uint8_t> m_data;
  std::size_t m_pos;
};

}  // namespace sealcheck::pdf
