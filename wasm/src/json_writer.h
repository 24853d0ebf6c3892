// A minimal streaming JSON writer: enough for our reports, strict about
// escaping (everything from a PDF is untrusted text).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sealcheck {

class JsonWriter final {
 public:
  JsonWriter& begin_object() {
    open('{');
    return *this;
  }
  JsonWriter& end_object() {
    close('}');
    return *this;
  }
  JsonWriter& begin_array() {
    open('[');
    return *this;
  }
  JsonWriter& end_array() {
    close(']');
    return *this;
  }
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view v);
  JsonWriter& number(long long v);
  JsonWriter& boolean(bool v);
  std::string take() && { return std::move(m_out); }

 private:
  void open(char c);
  void close(char c);
  void separate();
  void quoted(std::string_view v);

  std::string m_out;
  std::vector<bool> m_first;  // per open container: no element written yet
  bool m_after_key = false;
};

}  // namespace sealcheck
