#include "ofd/xml.h"

#include <expat.h>

#include <unistd.h>

#include <climits>
#include <memory>

#include "pdf/lexer.h"
#include "sealcheck/limits.h"

namespace sealcheck::ofd {
namespace {

constexpr char kNamespaceSeparator = '\x01';

struct Builder final {
  XML_Parser parser = nullptr;
  XmlDocument doc;
  std::vector<std::size_t> open;  // indexes of the elements being read
  std::string root_namespace;

  void stop(std::string why) {
    if (doc.error.empty()) doc.error = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

// "uri\x01local" (or "local" for no namespace) -> its two parts.
std::pair<std::string_view, std::string_view> split_name(const XML_Char* name) {
  const std::string_view n(name);
  const std::size_t sep = n.find(kNamespaceSeparator);
  if (sep == std::string_view::npos) return {{}, n};
  return {n.substr(0, sep), n.substr(sep + 1)};
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* b = static_cast<Builder*>(data);
  if (!b->doc.error.empty()) return;
  if (b->open.size() >= static_cast<std::size_t>(limits::kMaxXmlDepth)) {
    return b->stop("elements nested deeper than " + std::to_string(limits::kMaxXmlDepth));
  }
  if (b->doc.nodes.size() >= limits::kMaxXmlNodes) {
    return b->stop("more than " + std::to_string(limits::kMaxXmlNodes) + " elements");
  }
  const auto [uri, local] = split_name(name);
  if (b->doc.nodes.empty()) b->root_namespace = std::string(uri);
  XmlNode node;
  node.name = std::string(local);
  node.foreign = !uri.empty() && uri != b->root_namespace;
  std::size_t count = 0;
  for (const XML_Char** a = attrs; a[0] != nullptr; a += 2) {
    if (++count > limits::kMaxXmlAttributes) {
      return b->stop("an element with more than " + std::to_string(limits::kMaxXmlAttributes) + " attributes");
    }
    const auto [auri, alocal] = split_name(a[0]);
    if (auri.empty()) node.attributes.emplace_back(std::string(alocal), std::string(a[1]));
  }
  const std::size_t index = b->doc.nodes.size();
  if (!b->open.empty()) b->doc.nodes[b->open.back()].children.push_back(index);
  b->doc.nodes.push_back(std::move(node));
  b->open.push_back(index);
}

void XMLCALL on_end(void* data, const XML_Char*) {
  auto* b = static_cast<Builder*>(data);
  if (!b->open.empty()) b->open.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  auto* b = static_cast<Builder*>(data);
  if (b->open.empty() || len <= 0) return;
  b->doc.nodes[b->open.back()].text.append(s, static_cast<std::size_t>(len));
}

// Called before expat reads anything of the declaration: no entity, no
// external subset is ever declared, let alone expanded.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<Builder*>(data)->stop("a document type declaration (DTDs and entities are refused)");
}

void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                       const XML_Char*, const XML_Char*) {
  static_cast<Builder*>(data)->stop("an entity declaration");
}

struct ParserFree final {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

const std::string* XmlNode::attribute(std::string_view name) const {
  for (const auto& [k, v] : attributes) {
    if (k == name) return &v;
  }
  return nullptr;
}

const XmlNode* XmlDocument::child(const XmlNode& parent, std::string_view name) const {
  for (std::size_t i : parent.children) {
    if (!nodes[i].foreign && nodes[i].name == name) return &nodes[i];
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlDocument::children(const XmlNode& parent, std::string_view name) const {
  std::vector<const XmlNode*> out;
  for (std::size_t i : parent.children) {
    if (!nodes[i].foreign && nodes[i].name == name) out.push_back(&nodes[i]);
  }
  return out;
}

std::size_t XmlDocument::count(const XmlNode& parent, std::string_view name) const {
  std::size_t n = 0;
  for (std::size_t i : parent.children) n += !nodes[i].foreign && nodes[i].name == name;
  return n;
}

XmlDocument parse_xml(std::span<const std::uint8_t> bytes) {
  Builder b;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    b.doc.error = "too large";
    return std::move(b.doc);
  }
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
  if (!parser) {
    b.doc.error = "out of memory";
    return std::move(b.doc);
  }
  b.parser = parser.get();
  // The hash salt against attribute-name flooding, from the system's
  // entropy (expat's own sources are not there in wasm); 0 leaves expat to
  // find one itself.
  unsigned long salt = 0;
  if (getentropy(&salt, sizeof salt) == 0 && salt != 0) XML_SetHashSalt(b.parser, salt);
  XML_SetUserData(b.parser, &b);
  XML_SetElementHandler(b.parser, on_start, on_end);
  XML_SetCharacterDataHandler(b.parser, on_text);
  XML_SetStartDoctypeDeclHandler(b.parser, on_doctype);
  XML_SetEntityDeclHandler(b.parser, on_entity);
  const XML_Status status =
      XML_Parse(b.parser, reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size()), XML_TRUE);
  if (b.doc.error.empty() && status != XML_STATUS_OK) {
    b.doc.error = std::string(XML_ErrorString(XML_GetErrorCode(b.parser))) + " at line " +
                  std::to_string(XML_GetCurrentLineNumber(b.parser));
  }
  if (b.doc.error.empty() && b.doc.nodes.empty()) b.doc.error = "no element";
  return std::move(b.doc);
}

std::optional<std::vector<double>> parse_numbers(std::string_view s, std::size_t max) {
  std::vector<double> out;
  std::size_t i = 0;
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (true) {
    while (i < s.size() && space(s[i])) ++i;
    if (i == s.size()) return out;
    const std::size_t start = i;
    if (s[i] == '+' || s[i] == '-') ++i;
    bool digits = false, dot = false;
    for (; i < s.size() && !space(s[i]); ++i) {
      if (s[i] == '.' && !dot) {
        dot = true;
      } else if (s[i] >= '0' && s[i] <= '9') {
        digits = true;
      } else {
        return std::nullopt;
      }
    }
    if (!digits || out.size() >= max) return std::nullopt;
    out.push_back(pdf::decimal_value(s.substr(start, i - start)));
  }
}

std::string_view trim_xml_space(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace sealcheck::ofd
