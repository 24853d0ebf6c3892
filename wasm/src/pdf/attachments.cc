#include "pdf/attachments.h"

#include "pdf/filters.h"

namespace sealcheck::pdf {
namespace {

constexpr int kMaxTreeDepth = 16;
constexpr std::size_t kMaxEntries = 1000;

std::optional<std::vector<std::uint8_t>> read_spec(Document& doc, const Object& spec_obj) {
  const Object spec = doc.resolve(spec_obj);
  const Dict* sd = spec.as_dict();
  const Object* ef = sd ? sd->find("EF") : nullptr;
  const Object efd = ef ? doc.resolve(*ef) : Object{};
  if (!efd.as_dict()) return std::nullopt;
  const Object* f = efd.as_dict()->find("F");
  if (!f) f = efd.as_dict()->find("UF");
  const Object stream = f ? doc.resolve(*f) : Object{};
  const Stream* s = stream.as_stream();
  if (!s || s->data_begin + s->data_length > doc.data().size()) return std::nullopt;
  Decoded d = decode_stream(*s->dict, doc.data().subspan(s->data_begin, s->data_length), kMaxAttachmentBytes);
  if (!d.error.empty()) return std::nullopt;
  return std::move(d.bytes);
}

}  // namespace

std::optional<std::vector<std::uint8_t>> find_attachment(Document& doc, std::string_view name) {
  const Dict* trailer = doc.trailer();
  const Object root = trailer && trailer->find("Root") ? doc.resolve(*trailer->find("Root")) : Object{};
  const Object names = root.as_dict() && root.as_dict()->find("Names") ? doc.resolve(*root.as_dict()->find("Names")) : Object{};
  const Object tree = names.as_dict() && names.as_dict()->find("EmbeddedFiles")
                          ? doc.resolve(*names.as_dict()->find("EmbeddedFiles"))
                          : Object{};
  std::vector<std::pair<Object, int>> stack{{tree, 0}};
  std::size_t visited = 0;
  std::optional<std::vector<std::uint8_t>> found;
  while (!stack.empty() && visited < kMaxEntries) {
    auto [node_obj, depth] = stack.back();
    stack.pop_back();
    const Object node = doc.resolve(node_obj);
    const Dict* d = node.as_dict();
    if (!d || depth > kMaxTreeDepth) continue;
    if (const Object* n = d->find("Names")) {
      const Object arr = doc.resolve(*n);
      if (const Array* a = arr.as_array()) {
        for (std::size_t i = 0; i + 1 < a->size() && visited < kMaxEntries; i += 2, ++visited) {
          const String* key = (*a)[i].as_string();
          if (key && key->bytes == name) {
            // Two attachments of the same name are ambiguous: refuse both.
            if (found) return std::nullopt;
            found = read_spec(doc, (*a)[i + 1]);
            if (!found) return std::nullopt;
          }
        }
      }
    }
    if (const Object* kids = d->find("Kids")) {
      const Object arr = doc.resolve(*kids);
      if (const Array* a = arr.as_array()) {
        for (const Object& k : *a) {
          ++visited;
          stack.emplace_back(k, depth + 1);
        }
      }
    }
  }
  return found;
}

}  // namespace sealcheck::pdf
