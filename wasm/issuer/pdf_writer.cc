#include "issuer/pdf_writer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "pdf/lexer.h"

namespace sealcheck::pdf {
namespace {

void write(const Object& o, std::string& out);

void write_name(const std::string& n, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('/');
  for (unsigned char c : n) {
    if (c < 0x21 || c > 0x7e || c == '#' || is_pdf_delimiter(c)) {
      out.push_back('#');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

struct Visitor {
  std::string& out;
  void operator()(const Null&) const { out += "null"; }
  void operator()(bool b) const { out += b ? "true" : "false"; }
  void operator()(std::int64_t i) const { out += std::to_string(i); }
  void operator()(double d) const {
    if (!std::isfinite(d)) throw std::invalid_argument("non-finite real");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", d);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    out += s;
  }
  void operator()(const Name& n) const { write_name(n.value, out); }
  void operator()(const String& s) const {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('<');
    for (unsigned char c : s.bytes) {
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
    out.push_back('>');
  }
  void operator()(const Ref& r) const { out += std::to_string(r.num) + " " + std::to_string(r.gen) + " R"; }
  void operator()(const std::shared_ptr<const Array>& a) const {
    out.push_back('[');
    bool first = true;
    for (const Object& o : *a) {
      if (!first) out.push_back(' ');
      first = false;
      write(o, out);
    }
    out.push_back(']');
  }
  void operator()(const std::shared_ptr<const Dict>& d) const {
    out += "<<";
    for (const auto& [k, v] : d->entries) {
      write_name(k, out);
      out.push_back(' ');
      write(v, out);
    }
    out += ">>";
  }
  void operator()(const Stream&) const { throw std::invalid_argument("streams are not serialised"); }
};

void write(const Object& o, std::string& out) { std::visit(Visitor{out}, o.value()); }

}  // namespace

std::string serialize(const Object& o) {
  std::string out;
  write(o, out);
  return out;
}

}  // namespace sealcheck::pdf
