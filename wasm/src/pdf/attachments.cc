#include "pdf/attachments.h"

#include <algorithm>

#include "pdf/filters.h"
#include "pdf/text_string.h"

namespace sealcheck::pdf {
namespace {

using Status = AttachmentLookup::Status;

constexpr int kMaxTreeDepth = 16;
constexpr std::size_t kMaxEntries = 1000;

AttachmentLookup result(Status s, std::string detail = {}) {
  AttachmentLookup r;
  r.status = s;
  r.detail = std::move(detail);
  return r;
}

// The value of a key that must appear at most once; *repeated is set when
// it appears more often.
const Object* unique(const Dict* d, std::string_view key, bool* repeated) {
  if (d == nullptr) return nullptr;
  if (d->count(key) > 1) *repeated = true;
  return d->find(key);
}

// The data stream a file specification names. pdf.js takes the first of
// /UF /F /Unix /Mac /DOS in /EF; we require all present to agree.
AttachmentLookup read_spec(Document& doc, const Object& spec_obj) {
  const Object spec = doc.resolve(spec_obj);
  bool repeated = false;
  const Object* ef = unique(spec.as_dict(), "EF", &repeated);
  const Object efd = ef ? doc.resolve(*ef) : Object{};
  if (repeated) return result(Status::kAmbiguous, "file specification with two /EF");
  if (!efd.as_dict()) return result(Status::kUnreadable, "file specification without /EF");
  std::vector<Object> streams;
  std::vector<std::vector<std::uint8_t>> decoded;
  for (const char* key : {"UF", "F", "Unix", "Mac", "DOS"}) {
    const Object* f = unique(efd.as_dict(), key, &repeated);
    if (repeated) return result(Status::kAmbiguous, std::string("/EF with two /") + key);
    if (f == nullptr) continue;
    // The same object under two keys is one reading.
    if (f->as_ref() && std::any_of(streams.begin(), streams.end(),
                                   [&](const Object& o) { return o.as_ref() && *o.as_ref() == *f->as_ref(); })) {
      continue;
    }
    streams.push_back(*f);
    const Object stream = doc.resolve(*f);
    const Stream* s = stream.as_stream();
    if (!s || s->data_begin + s->data_length > doc.data().size()) {
      return result(Status::kUnreadable, std::string("/EF /") + key + " is not a stream");
    }
    for (const char* k : {"Filter", "DecodeParms", "Length"}) {
      unique(s->dict.get(), k, &repeated);
      if (repeated) return result(Status::kAmbiguous, std::string("embedded file stream with two /") + k);
    }
    Decoded d = decode_stream(*s->dict, doc.data().subspan(s->data_begin, s->data_length), kMaxAttachmentBytes);
    if (d.unsupported) return result(Status::kUnsupportedEncoding, d.error);
    if (!d.error.empty()) return result(Status::kUnreadable, d.error);
    decoded.push_back(std::move(d.bytes));
  }
  if (decoded.empty()) return result(Status::kUnreadable, "/EF names no stream");
  for (const auto& d : decoded) {
    if (d != decoded.front()) return result(Status::kAmbiguous, "/EF names different streams");
  }
  AttachmentLookup found = result(Status::kFound);
  found.bytes = std::move(decoded.front());
  return found;
}

// Does a /Names array hold `name`? Counts matches; a key only a repaired
// decoding matches makes the lookup ambiguous.
struct Matches {
  std::vector<Object> specs;
  bool inexact = false;
};
void scan_names(Document& doc, const Array& a, std::string_view name, std::size_t& visited, Matches& m) {
  for (std::size_t i = 0; i + 1 < a.size() && visited < kMaxEntries; i += 2, ++visited) {
    const Object key = doc.resolve(a[i]);
    const String* k = key.as_string();
    if (!k) continue;
    const TextString t = decode_text_string(k->bytes);
    if (t.utf8 != name) continue;
    if (!t.exact) m.inexact = true;
    m.specs.push_back(a[i + 1]);
  }
}

}  // namespace

AttachmentLookup find_attachment(Document& doc, std::string_view name) {
  bool repeated = false;
  const Dict* trailer = doc.trailer();
  const Object* root_ref = trailer ? trailer->find("Root") : nullptr;
  const Object root = root_ref ? doc.resolve(*root_ref) : Object{};
  const Object* names_ref = unique(root.as_dict(), "Names", &repeated);
  const Object names = names_ref ? doc.resolve(*names_ref) : Object{};
  const Object* tree_ref = unique(names.as_dict(), "EmbeddedFiles", &repeated);
  if (repeated) return result(Status::kAmbiguous, "catalog or /Names with a repeated key");
  if (!tree_ref) return result(Status::kAbsent);

  std::vector<std::pair<Object, int>> queue{{*tree_ref, 0}};
  std::vector<Ref> seen;
  std::size_t visited = 0;
  Matches matches;
  for (std::size_t next = 0; next < queue.size() && visited < kMaxEntries; ++next) {
    const auto [node_obj, depth] = queue[next];
    if (const Ref* r = node_obj.as_ref()) {
      if (std::find(seen.begin(), seen.end(), *r) != seen.end()) {
        return result(Status::kAmbiguous, "a name-tree node reached twice");
      }
      seen.push_back(*r);
    }
    const Object node = doc.resolve(node_obj);
    const Dict* d = node.as_dict();
    if (depth > kMaxTreeDepth) return result(Status::kUnreadable, "name tree too deep");
    if (!d) continue;
    const Object* kids = unique(d, "Kids", &repeated);
    const Object* entries = unique(d, "Names", &repeated);
    if (repeated) return result(Status::kAmbiguous, "a name-tree node with a repeated key");
    const Object entries_arr = entries ? doc.resolve(*entries) : Object{};
    if (kids) {
      // pdf.js reads only the kids of such a node: its own /Names must not
      // be where the name is.
      if (const Array* a = entries_arr.as_array()) {
        Matches here;
        scan_names(doc, *a, name, visited, here);
        if (!here.specs.empty()) return result(Status::kAmbiguous, "a name-tree node with both /Kids and the name");
      }
      const Object arr = doc.resolve(*kids);
      if (const Array* a = arr.as_array()) {
        for (const Object& k : *a) {
          ++visited;
          queue.emplace_back(k, depth + 1);
        }
      }
      continue;
    }
    if (const Array* a = entries_arr.as_array()) scan_names(doc, *a, name, visited, matches);
  }
  // Beyond the bounds a second entry of the name could hide: refuse.
  if (visited >= kMaxEntries) return result(Status::kUnreadable, "name tree too large");
  if (matches.inexact) return result(Status::kAmbiguous, "a name that decodes only after repair");
  if (matches.specs.size() > 1) return result(Status::kAmbiguous, "two attachments of the same name");
  if (matches.specs.empty()) return result(Status::kAbsent);
  return read_spec(doc, matches.specs.front());
}

}  // namespace sealcheck::pdf
