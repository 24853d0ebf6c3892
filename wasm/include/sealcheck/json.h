// A small strict JSON reader (RFC 8259) for the certificate data embedded in
// sealed PDFs and for issuer input files. Bounded depth and size; any
// syntax error rejects the whole text.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sealcheck::json {

struct Value;
using Object = std::map<std::string, Value, std::less<>>;
using Array = std::vector<Value>;

struct Value final {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<Array>, std::shared_ptr<Object>> v;

  const std::string* as_string() const { return std::get_if<std::string>(&v); }
  const double* as_number() const { return std::get_if<double>(&v); }
  const Object* as_object() const {
    const auto* p = std::get_if<std::shared_ptr<Object>>(&v);
    return p ? p->get() : nullptr;
  }
  const Array* as_array() const {
    const auto* p = std::get_if<std::shared_ptr<Array>>(&v);
    return p ? p->get() : nullptr;
  }
};

inline constexpr std::size_t kMaxTextBytes = 1u << 20;
inline constexpr int kMaxDepth = 32;

// nullopt on any error; `error` (if given) says what and where.
std::optional<Value> parse(std::string_view text, std::string* error = nullptr);

// The string member `key` of an object, or nullptr.
const std::string* get_string(const Object& o, std::string_view key);

}  // namespace sealcheck::json
