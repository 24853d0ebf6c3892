// The PDF object model. Immutable once parsed; containers are shared so
// copies are cheap. Every string remembers where its token sat in the file:
// the coverage check needs the exact byte span of /Contents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sealcheck::pdf {

struct Ref final {
  std::uint32_t num = 0;
  std::uint32_t gen = 0;
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct Name final {
  std::string value;  // without the slash, #xx escapes decoded
};

struct String final {
  std::string bytes;  // decoded
  bool hex = false;
  std::size_t begin = 0;  // token span in the file: '<' or '(' ...
  std::size_t end = 0;    // ... one past '>' or ')'
};

class Object;
using Array = std::vector<Object>;

// Keys in file order. Duplicate keys are kept so callers can refuse them
// (different readers pick different duplicates: a classic ambiguity).
struct Dict final {
  std::vector<std::pair<std::string, Object>> entries;

  const Object* find(std::string_view key) const;
  std::size_t count(std::string_view key) const;
};

struct Stream final {
  std::shared_ptr<const Dict> dict;
  std::size_t data_begin = 0;   // offset of the first data byte
  std::size_t data_length = 0;  // raw (encoded) length
};

struct Null final {};

class Object final {
 public:
  using Value = std::variant<Null, bool, std::int64_t, double, Name, String, Ref, std::shared_ptr<const Array>,
                             std::shared_ptr<const Dict>, Stream>;

  Object() = default;
  template <typename T>
  Object(T v, std::size_t offset = 0) : m_value(std::move(v)), m_offset(offset) {}

  bool is_null() const { return std::holds_alternative<Null>(m_value); }
  const std::int64_t* as_int() const { return std::get_if<std::int64_t>(&m_value); }
  const Name* as_name() const { return std::get_if<Name>(&m_value); }
  const String* as_string() const { return std::get_if<String>(&m_value); }
  const Ref* as_ref() const { return std::get_if<Ref>(&m_value); }
  const Array* as_array() const;
  const Dict* as_dict() const;  // a stream's dictionary too
  const Stream* as_stream() const { return std::get_if<Stream>(&m_value); }
  bool is_name(std::string_view n) const {
    const Name* p = as_name();
    return p != nullptr && p->value == n;
  }

  const Value& value() const { return m_value; }
  std::size_t offset() const { return m_offset; }  // where its first token starts

 private:
  Value m_value;
  std::size_t m_offset = 0;
};

}  // namespace sealcheck::pdf
