// The XML parts of an OFD package (OFD.xml, Document.xml, pages,
// signatures), read with expat into a small tree. Hostile input is the
// point: a document type declaration (and with it every entity, internal
// or external) is refused before expat reads any of it, and so is nesting
// deeper than limits::kMaxXmlDepth or more than limits::kMaxXmlNodes
// elements. Nothing is fetched, nothing expanded.
//
// Namespaces: OFD's elements are in http://www.ofdspec.org/2016, but real
// producers write other URIs (http://www.ofdspec.org, none at all). The
// namespace of a part's root element is taken as that part's OFD
// namespace; elements in it, or in none, are OFD elements and are found by
// local name. Elements of any other namespace (extensions) are kept but
// never matched.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sealcheck::ofd {

struct XmlNode final {
  std::string name;                                             // local name
  bool foreign = false;                                         // in a namespace other than the part's own
  std::vector<std::pair<std::string, std::string>> attributes;  // unqualified attributes only
  std::string text;                                             // character data directly inside, concatenated
  std::vector<std::size_t> children;                            // into XmlDocument::nodes

  // The unqualified attribute `name`, or null.
  const std::string* attribute(std::string_view name) const;
};

struct XmlDocument final {
  std::vector<XmlNode> nodes;  // nodes[0] is the root element
  std::string error;           // empty when the part parsed

  bool ok() const { return error.empty() && !nodes.empty(); }
  const XmlNode& root() const { return nodes[0]; }
  // The first OFD child element of `parent` named `name`, or null.
  const XmlNode* child(const XmlNode& parent, std::string_view name) const;
  // Every OFD child element of `parent` named `name`, in order.
  std::vector<const XmlNode*> children(const XmlNode& parent, std::string_view name) const;
  // How many OFD child elements of `parent` are named `name`.
  std::size_t count(const XmlNode& parent, std::string_view name) const;
};

// UTF-8 (or what expat decodes itself: UTF-16, ISO-8859-1, US-ASCII).
XmlDocument parse_xml(std::span<const std::uint8_t> bytes);

// A space-separated list of numbers as OFD writes them (ST_Array of
// ST_Double: [+-]digits[.digits], also ".5"); nullopt for anything else
// or more than `max` numbers.
std::optional<std::vector<double>> parse_numbers(std::string_view s, std::size_t max);

// XML whitespace trimmed from both ends.
std::string_view trim_xml_space(std::string_view s);

}  // namespace sealcheck::ofd
