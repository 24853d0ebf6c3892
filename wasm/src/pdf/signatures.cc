#include "pdf/signatures.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

bool is_signature_dict(const Dict& d) {
  const Object* type = d.find("Type");
  return d.find("ByteRange") != nullptr || (type && (type->is_name("Sig") || type->is_name("DocTimeStamp")));
}

SignatureField describe(Document& doc, std::uint32_t container, std::shared_ptr<const Dict> dict) {
  SignatureField f;
  f.container = container;
  f.dict = std::move(dict);
  f.container_span = doc.object_span(container);
  const Dict& d = *f.dict;
  f.duplicate_keys =
      d.count("ByteRange") > 1 || d.count("Contents") > 1 || d.count("SubFilter") > 1 || d.count("M") > 1;
  if (const Object* br = d.find("ByteRange"); br && br->as_array()) {
    std::vector<std::int64_t> v;
    bool ok = br->as_array()->size() <= 8;
    for (const Object& o : *br->as_array()) {
      if (!ok || !o.as_int()) {
        ok = false;
        break;
      }
      v.push_back(*o.as_int());
    }
    if (ok) f.byte_range = std::move(v);
  }
  if (const Object* c = d.find("Contents"); c && c->as_string()) f.contents = *c->as_string();
  if (const Object* sf = d.find("SubFilter"); sf && sf->as_name()) f.sub_filter = sf->as_name()->value;
  if (const Object* m = d.find("M"); m && m->as_string()) f.m_date = m->as_string()->bytes;
  return f;
}

std::shared_ptr<const Dict> dict_ptr(const Object& o) {
  if (const auto* p = std::get_if<std::shared_ptr<const Dict>>(&o.value())) return *p;
  return nullptr;
}

std::optional<double> number_of(const Object& o) {
  if (const std::int64_t* i = o.as_int()) return static_cast<double>(*i);
  if (const double* d = std::get_if<double>(&o.value())) return std::isfinite(*d) ? std::optional(*d) : std::nullopt;
  return std::nullopt;
}

// A /Rect as integers rounded outward, normalised so x1 <= x2, y1 <= y2.
std::optional<std::array<std::int64_t, 4>> rect_of(Document& doc, const Dict& d) {
  const Object* r = d.find("Rect");
  if (r == nullptr) return std::nullopt;
  const Object a = doc.resolve(*r);
  const Array* arr = a.as_array();
  if (arr == nullptr || arr->size() != 4) return std::nullopt;
  double v[4];
  for (int i = 0; i < 4; ++i) {
    const auto n = number_of((*arr)[static_cast<std::size_t>(i)]);
    if (!n || std::fabs(*n) > 1e7) return std::nullopt;
    v[i] = *n;
  }
  return std::array<std::int64_t, 4>{static_cast<std::int64_t>(std::floor(std::min(v[0], v[2]))),
                                     static_cast<std::int64_t>(std::floor(std::min(v[1], v[3]))),
                                     static_cast<std::int64_t>(std::ceil(std::max(v[0], v[2]))),
                                     static_cast<std::int64_t>(std::ceil(std::max(v[1], v[3])))};
}

// 1-based index of page object `page` among `pages`, or of the page whose
// /Annots lists `widget` when /P is absent; 0 if not found.
std::size_t page_number(Document& doc, const std::vector<std::uint32_t>& pages, std::optional<std::uint32_t> page,
                        std::uint32_t widget) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (page) {
      if (pages[i] == *page) return i + 1;
      continue;
    }
    const Object node = doc.get(pages[i]);
    const Object* annots = node.as_dict() ? node.as_dict()->find("Annots") : nullptr;
    const Object a = annots ? doc.resolve(*annots) : Object{};
    if (const Array* arr = a.as_array()) {
      for (const Object& x : *arr) {
        if (const Ref* r = x.as_ref(); r && r->num == widget) return i + 1;
      }
    }
  }
  return 0;
}

}  // namespace

Discovery find_signatures(Document& doc) {
  Discovery out;
  std::set<std::uint32_t> seen_containers;
  auto add = [&](SignatureField f) {
    if (!seen_containers.insert(f.container).second) return;
    if (out.signatures.size() >= limits::kMaxSignatures) {
      out.truncated = true;
      return;
    }
    out.signatures.push_back(std::move(f));
  };

  // 1. The AcroForm field tree (depth-first, cycle-safe, bounded).
  const Dict* trailer = doc.trailer();
  const Object root = trailer && trailer->find("Root") ? doc.resolve(*trailer->find("Root")) : Object{};
  const Object acroform =
      root.as_dict() && root.as_dict()->find("AcroForm") ? doc.resolve(*root.as_dict()->find("AcroForm")) : Object{};
  const Object fields = acroform.as_dict() && acroform.as_dict()->find("Fields")
                            ? doc.resolve(*acroform.as_dict()->find("Fields"))
                            : Object{};
  const std::vector<std::uint32_t> pages = page_objects(doc);
  struct Item {
    Object ref;
    int depth;
    bool inherited_sig;
  };
  std::vector<Item> stack;
  if (const Array* a = fields.as_array()) {
    for (auto it = a->rbegin(); it != a->rend(); ++it) stack.push_back({*it, 0, false});
  }
  std::set<std::uint32_t> visited;
  std::size_t visited_fields = 0;
  while (!stack.empty() && visited_fields < limits::kMaxFields) {
    Item item = std::move(stack.back());
    stack.pop_back();
    const Ref* r = item.ref.as_ref();
    if (r == nullptr || item.depth > limits::kMaxFieldDepth || !visited.insert(r->num).second) continue;
    ++visited_fields;
    const Object field = doc.get(r->num);
    const Dict* fd = field.as_dict();
    if (fd == nullptr) continue;
    const Object* ft = fd->find("FT");
    const bool is_sig = ft ? ft->is_name("Sig") : item.inherited_sig;
    if (is_sig) {
      if (const Object* v = fd->find("V")) {
        std::uint32_t container = r->num;
        Object value = *v;
        if (const Ref* vr = v->as_ref()) {
          container = vr->num;
          value = doc.get(vr->num);
        }
        if (auto d = dict_ptr(value)) {
          SignatureField f = describe(doc, container, std::move(d));
          if (const Object* t = fd->find("T"); t && t->as_string()) f.field_name = t->as_string()->bytes;
          f.in_acroform = true;
          // The widget: the field itself (merged) or its first kid.
          std::uint32_t widget_num = r->num;
          Object widget = field;
          if (fd->find("Rect") == nullptr) {
            if (const Object* kids = fd->find("Kids")) {
              const Object k = doc.resolve(*kids);
              if (const Array* a = k.as_array(); a && !a->empty() && a->front().as_ref()) {
                widget_num = a->front().as_ref()->num;
                widget = doc.get(widget_num);
              }
            }
          }
          if (const Dict* wd = widget.as_dict()) {
            f.widget_rect = rect_of(doc, *wd);
            std::optional<std::uint32_t> page;
            if (const Object* pr = wd->find("P"); pr && pr->as_ref()) page = pr->as_ref()->num;
            f.page = page_number(doc, pages, page, widget_num);
          }
          add(std::move(f));
        }
      }
    }
    if (const Object* kids = fd->find("Kids")) {
      const Object k = doc.resolve(*kids);
      if (const Array* a = k.as_array()) {
        for (auto it = a->rbegin(); it != a->rend(); ++it) stack.push_back({*it, item.depth + 1, is_sig});
      }
    }
  }

  // 2. Every other signature dictionary in use in the final revision.
  std::size_t scanned = 0;
  for (std::uint32_t num : doc.object_numbers()) {
    if (++scanned > limits::kMaxObjectsScanned) {
      out.truncated = true;
      break;
    }
    if (seen_containers.count(num)) continue;
    const Object o = doc.get(num);
    if (o.as_stream()) continue;
    if (auto d = dict_ptr(o); d && is_signature_dict(*d)) add(describe(doc, num, std::move(d)));
  }

  std::sort(out.signatures.begin(), out.signatures.end(), [](const SignatureField& a, const SignatureField& b) {
    const std::size_t pa = a.container_span ? a.container_span->first : SIZE_MAX;
    const std::size_t pb = b.container_span ? b.container_span->first : SIZE_MAX;
    return pa < pb;
  });
  return out;
}

}  // namespace sealcheck::pdf
