#include "validation_revisions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "sealcheck/limits.h"

namespace sealcheck {
namespace {

constexpr std::size_t kMaxValidationRevisions = 32;

using pdf::Array;
using pdf::Dict;
using pdf::Object;

// Deep equality of two values as a reader sees them: where their tokens
// sit is not part of them; dictionaries compare as key sets (writers may
// reorder keys when they rewrite one; duplicate keys are refused earlier).
bool same(const Object& a, const Object& b, int depth = 0) {
  if (depth > limits::kMaxNesting || a.value().index() != b.value().index()) return false;
  if (a.is_null()) return true;
  if (const auto* x = std::get_if<bool>(&a.value())) return *x == std::get<bool>(b.value());
  if (const auto* x = a.as_int()) return *x == *b.as_int();
  if (const auto* x = std::get_if<double>(&a.value())) return *x == std::get<double>(b.value());
  if (const auto* x = a.as_name()) return x->value == b.as_name()->value;
  if (const auto* x = a.as_string()) return x->bytes == b.as_string()->bytes;
  if (const auto* x = a.as_ref()) return *x == *b.as_ref();
  if (a.as_stream() != nullptr) return false;  // never compared: no stream may be redefined
  if (const Array* x = a.as_array()) {
    const Array* y = b.as_array();
    if (x->size() != y->size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!same((*x)[i], (*y)[i], depth + 1)) return false;
    }
    return true;
  }
  const Dict* x = a.as_dict();
  const Dict* y = b.as_dict();
  if (x == nullptr || y == nullptr || x->entries.size() != y->entries.size()) return false;
  for (const auto& [key, value] : x->entries) {
    const Object* other = y->find(key);
    if (other == nullptr || !same(value, *other, depth + 1)) return false;
  }
  return true;
}

// Equal but for the keys in `except`, which the caller checks itself.
bool same_except(const Dict& a, const Dict& b, std::initializer_list<std::string_view> except) {
  const auto skipped = [&](const std::string& k) { return std::find(except.begin(), except.end(), k) != except.end(); };
  // A key given twice is read differently by different readers.
  for (const Dict* d : {&a, &b}) {
    for (const auto& [key, value] : d->entries) {
      if (d->count(key) > 1) return false;
    }
  }
  std::size_t na = 0, nb = 0;
  for (const auto& [key, value] : a.entries) {
    if (skipped(key)) continue;
    ++na;
    const Object* other = b.find(key);
    if (other == nullptr || !same(value, *other)) return false;
  }
  for (const auto& [key, value] : b.entries) nb += skipped(key) ? 0 : 1;
  return na == nb;
}

// Every object number `o` refers to, directly or inside containers.
void references(const Object& o, std::set<std::uint32_t>& out, int depth = 0) {
  if (depth > limits::kMaxNesting) return;
  if (const pdf::Ref* r = o.as_ref()) {
    out.insert(r->num);
  } else if (const Array* a = o.as_array()) {
    for (const Object& x : *a) references(x, out, depth + 1);
  } else if (const Dict* d = o.as_dict()) {  // a stream's dictionary too
    for (const auto& [key, value] : d->entries) references(value, out, depth + 1);
  }
}

std::optional<std::uint32_t> ref_num(const Object* o) {
  if (o == nullptr || o->as_ref() == nullptr) return std::nullopt;
  return o->as_ref()->num;
}

// What validation data is made of, and nothing a viewer draws: a VRI
// entry, an array, or a stream of DER (no type, no resources).
bool validation_shaped(const Object& o) {
  if (o.as_array() != nullptr) return true;
  const Dict* d = o.as_dict();
  if (d == nullptr) return false;
  if (o.as_stream() != nullptr) {
    return std::all_of(d->entries.begin(), d->entries.end(), [](const auto& e) {
      return e.first == "Length" || e.first == "Filter" || e.first == "DecodeParms";
    });
  }
  const Object* type = d->find("Type");
  return type != nullptr && type->is_name("VRI");
}

class Checker final {
 public:
  Checker(pdf::Document& full, pdf::Document& sealed) : m_full(full), m_sealed(sealed) {}

  ValidationRevisions run(std::span<const std::uint8_t> file, std::size_t sealed_end) {
    if (m_full.repaired() || m_sealed.repaired() || !m_sealed.usable()) {
      return no("the file's structure had to be repaired");
    }
    // The sealed revision is one of the chain, and every later one lies
    // wholly after the seal's bytes.
    const auto& revs = m_full.revisions();
    std::optional<std::size_t> sealed_rev;
    for (std::size_t k = 0; k < revs.size(); ++k) {
      const bool eol_only = sealed_end <= revs[k].end && revs[k].end - sealed_end <= 2 &&
                            std::all_of(file.begin() + static_cast<std::ptrdiff_t>(sealed_end),
                                        file.begin() + static_cast<std::ptrdiff_t>(revs[k].end),
                                        [](std::uint8_t v) { return v == '\r' || v == '\n'; });
      if (eol_only) sealed_rev = k;
    }
    if (!sealed_rev || *sealed_rev + 1 >= revs.size()) return no("the seal does not end a revision");
    for (std::size_t k = 0; k < revs.size(); ++k) {
      if ((k <= *sealed_rev) != (revs[k].xref_offset < sealed_end)) return no("revisions out of order");
      if (k > *sealed_rev && revs[k].trailer == nullptr) return no("a revision without a trailer");
    }
    m_result.revisions = revs.size() - *sealed_rev - 1;
    // Validators add a handful; each is read on its own below.
    if (m_result.revisions > kMaxValidationRevisions) return no("too many updates after the seal");

    const auto root = ref_num(m_sealed.trailer()->find("Root"));
    if (!root || ref_num(m_full.trailer()->find("Root")) != root) return no("the catalog is another object");
    m_root = *root;
    const auto in_use = m_sealed.object_numbers();
    m_sealed_in_use.insert(in_use.begin(), in_use.end());
    collect_allowed();

    // What each later revision defines.
    std::set<std::uint32_t> redefined;
    for (std::size_t k = *sealed_rev + 1; k < revs.size(); ++k) {
      for (const char* key : {"Encrypt", "XRefStm"}) {
        if (revs[k].trailer->find(key) != nullptr) return no(std::string("a later trailer has /") + key);
      }
      // The document information a viewer shows (its title) stays the
      // sealed one's; each update changes something.
      const pdf::Object* info = revs[k].trailer->find("Info");
      const pdf::Object* sealed_info = m_sealed.trailer()->find("Info");
      if ((info == nullptr) != (sealed_info == nullptr) || (info && !same(*info, *sealed_info))) {
        return no("a later trailer names other document information");
      }
      if (std::none_of(revs[k].entries.begin(), revs[k].entries.end(), [](const auto& e) { return e.first != 0; })) {
        return no("an update that changes nothing");
      }
      for (const auto& [num, entry] : revs[k].entries) {
        if (entry.type == pdf::XrefEntry::Type::kFree) {
          if (num != 0 && (m_sealed_in_use.count(num) || m_added.count(num))) {
            return no("object " + std::to_string(num) + " freed");
          }
          continue;
        }
        if (m_sealed_in_use.count(num)) {
          if (!m_allowed.count(num)) return no("object " + std::to_string(num) + " redefined");
          redefined.insert(num);
        } else {
          m_added.insert(num);
        }
      }
    }
    if (m_added.size() + redefined.size() == 0) return no("nothing but an empty update");
    // An object the sealed revision refers to but does not define would be
    // filled in by a later one: the hide-and-reveal shadow attack.
    // And the validation data's own objects, which later updates may
    // rewrite, must be nobody else's: a page's content array that is also
    // the DSS's certificate list would be rewritten with it.
    // The same holds for the lists a timestamp's field joins (the form's
    // fields, a page's annotations): each is its owner's alone.
    std::set<std::uint32_t> referred;
    std::size_t scanned = 0;
    const auto shared = [&](std::uint32_t referrer, const std::set<std::uint32_t>& refs) {
      for (std::uint32_t r : refs) {
        const auto owner = m_owner.find(r);
        if (owner != m_owner.end() && owner->second != referrer) return std::optional<std::uint32_t>(r);
      }
      return std::optional<std::uint32_t>();
    };
    for (std::uint32_t num : in_use) {
      if (++scanned > limits::kMaxObjectsScanned) return no("too many objects to compare");
      std::set<std::uint32_t> refs;
      references(m_sealed.get(num), refs);
      if (const auto r = shared(num, refs)) return no("object " + std::to_string(*r) + " is shared");
      referred.insert(refs.begin(), refs.end());
    }
    std::set<std::uint32_t> trailer_refs;
    references(Object(std::make_shared<const Dict>(*m_sealed.trailer())), trailer_refs);
    if (const auto r = shared(0, trailer_refs)) return no("object " + std::to_string(*r) + " is shared");
    referred.insert(trailer_refs.begin(), trailer_refs.end());
    for (std::uint32_t num : m_added) {
      if (referred.count(num))
        return no("object " + std::to_string(num) + " is referred to by the sealed revision but defined only after it");
    }
    for (std::uint32_t num : m_dss_objects) {
      const Object now = m_full.get(num);
      if (redefined.count(num) && (now.as_stream() || (!now.as_array() && !now.as_dict()))) {
        return no("the validation data's object " + std::to_string(num) + " became something else");
      }
    }

    if (!catalog_ok() || !info_ok(redefined)) return m_result;
    for (std::uint32_t page : m_pages) {
      if (!page_ok(page)) return m_result;
    }
    // Every new object is validation data: reachable, in the revision that
    // adds it, from that revision's /DSS or a document timestamp's field,
    // through objects added after the seal (a later DSS supersedes an
    // earlier one, whose lists then hang loose: that is no fault).
    for (std::size_t k = *sealed_rev + 1; k < revs.size(); ++k) {
      std::optional<pdf::Document> view;
      if (k + 1 < revs.size()) view.emplace(pdf::Document::load(file.subspan(0, revs[k].end)));
      pdf::Document& at = view ? *view : m_full;
      if (!at.usable()) return no("an update after the seal cannot be read on its own");
      std::vector<std::uint32_t> todo;
      for (const auto& [num, entry] : revs[k].entries) {
        if (m_timestamp_fields.count(num)) todo.push_back(num);
      }
      const Object catalog = at.get(m_root);
      if (const Object* dss = catalog.as_dict() ? catalog.as_dict()->find("DSS") : nullptr) {
        std::set<std::uint32_t> refs;
        references(*dss, refs);
        todo.insert(todo.end(), refs.begin(), refs.end());
      }
      std::set<std::uint32_t> reached;
      while (!todo.empty()) {
        const std::uint32_t num = todo.back();
        todo.pop_back();
        if ((!m_added.count(num) && !m_dss_objects.count(num)) || !reached.insert(num).second) continue;
        std::set<std::uint32_t> refs;
        references(at.get(num), refs);
        todo.insert(todo.end(), refs.begin(), refs.end());
      }
      // The update must carry validation data: the catalog (its /DSS), a DSS
      // object or a document timestamp's field among what it defines.
      const auto dss_num = ref_num(catalog.as_dict() ? catalog.as_dict()->find("DSS") : nullptr);
      const bool carries = std::any_of(revs[k].entries.begin(), revs[k].entries.end(), [&](const auto& e) {
        return e.first == m_root || m_dss_objects.count(e.first) || m_timestamp_fields.count(e.first) ||
               (dss_num && e.first == *dss_num);
      });
      if (!carries) return no("an update after the seal carries no validation data");
      for (const auto& [num, entry] : revs[k].entries) {
        if (!m_added.count(num) || entry.type == pdf::XrefEntry::Type::kFree || reached.count(num)) continue;
        // Loose, but shaped like validation data (a writer's superseded or
        // orphaned VRI entry, list or DER stream): nothing a viewer draws.
        if (!validation_shaped(at.get(num)))
          return no("object " + std::to_string(num) + " added is no validation data");
      }
    }
    m_result.ok = true;
    m_result.detail = std::to_string(m_result.revisions) + " revision(s) of validation data" +
                      (m_timestamps ? ", " + std::to_string(m_timestamps) + " document timestamp(s)" : "");
    return m_result;
  }

 private:
  ValidationRevisions no(std::string why) {
    m_result.ok = false;
    m_result.detail = std::move(why);
    return m_result;
  }

  // Objects of the sealed revision a validation-data update may redefine:
  // the catalog, the form and its field list, the pages and their
  // annotation lists, the information dictionary. Their new values are
  // then compared with the old.
  void collect_allowed() {
    m_allowed.insert(m_root);
    const Object catalog = m_sealed.get(m_root);
    if (const Dict* c = catalog.as_dict()) {
      const auto form_num = ref_num(c->find("AcroForm"));
      if (form_num) m_allowed.insert(*form_num);
      const Object form = c->find("AcroForm") ? m_sealed.resolve(*c->find("AcroForm")) : Object{};
      if (form.as_dict()) {
        if (const auto fields = ref_num(form.as_dict()->find("Fields"))) {
          m_allowed.insert(*fields);
          m_owner[*fields] = form_num.value_or(m_root);
        }
      }
    }
    // The pages, and the annotation list each owns.
    m_pages = pdf::page_objects(m_sealed);
    for (std::uint32_t num : m_pages) {
      m_allowed.insert(num);
      const Object page = m_sealed.get(num);
      if (const auto annots = ref_num(page.as_dict() ? page.as_dict()->find("Annots") : nullptr)) {
        m_allowed.insert(*annots);
        m_owner[*annots] = num;
      }
    }
    if (const auto info = ref_num(m_sealed.trailer()->find("Info"))) m_allowed.insert(*info);
    // A /DSS the sealed revision already has (a file sealed again after
    // B-LTA) and its lists, which later validation data rewrites.
    const Dict* c = catalog.as_dict();
    const Object* dss = c ? c->find("DSS") : nullptr;
    const auto dss_num = ref_num(dss);
    if (dss_num) {
      m_dss_objects.insert(*dss_num);
      m_owner[*dss_num] = m_root;
    }
    const Object d = dss ? m_sealed.resolve(*dss) : Object{};
    if (d.as_dict() && !d.as_stream()) {
      for (const char* key : {"Certs", "CRLs", "OCSPs", "VRI"}) {
        const auto num = ref_num(d.as_dict()->find(key));
        if (!num) continue;
        const Object v = m_sealed.get(*num);
        if (v.as_stream() || (!v.as_array() && !v.as_dict())) continue;
        m_dss_objects.insert(*num);
        m_owner[*num] = dss_num.value_or(m_root);
      }
    }
    m_allowed.insert(m_dss_objects.begin(), m_dss_objects.end());
  }

  // A list that may only grow at its end, by document timestamps' fields.
  bool grows_by_timestamps(const Object& before, const Object& after, const char* what) {
    const Array empty;
    const Array* a = before.as_array() ? before.as_array() : &empty;
    const Array* b = after.as_array();
    if (b == nullptr && before.is_null() && after.is_null()) return true;
    if (b == nullptr || b->size() < a->size()) return no(std::string(what) + " changed").ok;
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!same((*a)[i], (*b)[i])) return no(std::string(what) + " changed").ok;
    }
    for (std::size_t i = a->size(); i < b->size(); ++i) {
      const auto num = ref_num(&(*b)[i]);
      if (!num || !m_added.count(*num)) return no(std::string(what) + " gained an object of the sealed revision").ok;
      if (!timestamp_field(*num)) return false;
    }
    return true;
  }

  // A document timestamp's field: a signature field whose value is a
  // /DocTimeStamp, its widget (the field itself) without area.
  bool timestamp_field(std::uint32_t num) {
    if (m_timestamp_fields.count(num)) return true;
    const Object field = m_full.get(num);
    const Dict* f = field.as_dict();
    if (f == nullptr || f->find("Kids") != nullptr || !f->find("FT") || !f->find("FT")->is_name("Sig")) {
      return no("object " + std::to_string(num) + " added is not a document timestamp's field").ok;
    }
    const auto value = ref_num(f->find("V"));
    const Object v = value ? m_full.get(*value) : Object{};
    const Dict* sig = v.as_dict();
    if (!value || !m_added.count(*value) || sig == nullptr || !sig->find("Type") ||
        !sig->find("Type")->is_name("DocTimeStamp") || !sig->find("SubFilter") ||
        !sig->find("SubFilter")->is_name("ETSI.RFC3161")) {
      return no("field " + std::to_string(num) + " added is not a document timestamp").ok;
    }
    if (const Object* rect = f->find("Rect")) {
      const Object r = m_full.resolve(*rect);
      const Array* a = r.as_array();
      const auto number = [&](std::size_t i) {
        const Object& x = (*a)[i];
        if (const auto* n = x.as_int()) return static_cast<double>(*n);
        if (const auto* d = std::get_if<double>(&x.value())) return *d;
        return std::nan("");
      };
      if (a == nullptr || a->size() != 4 || !(number(0) == number(2) || number(1) == number(3))) {
        return no("the document timestamp's widget " + std::to_string(num) + " has an area").ok;
      }
    }
    m_timestamp_fields.insert(num);
    ++m_timestamps;
    return true;
  }

  bool catalog_ok() {
    const Object before = m_sealed.get(m_root);
    const Object after = m_full.get(m_root);
    if (!before.as_dict() || !after.as_dict()) return no("the catalog is not a dictionary").ok;
    if (!same_except(*before.as_dict(), *after.as_dict(), {"DSS", "AcroForm"})) {
      return no("the catalog changed beyond /DSS and /AcroForm").ok;
    }
    if (const Object* dss = after.as_dict()->find("DSS")) {
      const Object d = m_full.resolve(*dss);
      if (!d.as_dict()) return no("/DSS is not a dictionary").ok;
      for (const auto& [key, value] : d.as_dict()->entries) {
        if (key != "Type" && key != "Certs" && key != "CRLs" && key != "OCSPs" && key != "VRI") {
          return no("/DSS has /" + key).ok;
        }
      }
    }
    const Object* fb = before.as_dict()->find("AcroForm");
    const Object* fa = after.as_dict()->find("AcroForm");
    const Object form_before = fb ? m_sealed.resolve(*fb) : Object{};
    const Object form_after = fa ? m_full.resolve(*fa) : Object{};
    if (form_before.is_null() && form_after.is_null()) return true;
    if (!form_after.as_dict() || (!form_before.is_null() && !form_before.as_dict())) {
      return no("the form changed").ok;
    }
    const Dict empty;
    const Dict& b = form_before.as_dict() ? *form_before.as_dict() : empty;
    if (!same_except(b, *form_after.as_dict(), {"Fields", "SigFlags"})) return no("the form changed").ok;
    const Object fields_before = b.find("Fields") ? m_sealed.resolve(*b.find("Fields")) : Object{};
    const Object* fields_ref = form_after.as_dict()->find("Fields");
    const Object fields_after = fields_ref ? m_full.resolve(*fields_ref) : Object{};
    return grows_by_timestamps(fields_before, fields_after, "the form's fields");
  }

  bool page_ok(std::uint32_t page) {
    const Object before = m_sealed.get(page);
    const Object after = m_full.get(page);
    if (!before.as_dict() || !after.as_dict()) return no("page object " + std::to_string(page) + " changed").ok;
    if (!same_except(*before.as_dict(), *after.as_dict(), {"Annots"})) {
      return no("page object " + std::to_string(page) + " changed").ok;
    }
    const Object* ab = before.as_dict()->find("Annots");
    const Object* aa = after.as_dict()->find("Annots");
    const Object annots_before = ab ? m_sealed.resolve(*ab) : Object{};
    const Object annots_after = aa ? m_full.resolve(*aa) : Object{};
    return grows_by_timestamps(annots_before, annots_after, "a page's annotations");
  }

  bool info_ok(const std::set<std::uint32_t>& redefined) {
    const auto info = ref_num(m_sealed.trailer()->find("Info"));
    if (!info || !redefined.count(*info)) return true;
    const Object before = m_sealed.get(*info);
    const Object after = m_full.get(*info);
    if (!before.as_dict() || !after.as_dict() ||
        !same_except(*before.as_dict(), *after.as_dict(), {"ModDate", "Producer"})) {
      return no("the document information changed").ok;
    }
    return true;
  }

  pdf::Document& m_full;
  pdf::Document& m_sealed;
  std::uint32_t m_root = 0;
  std::set<std::uint32_t> m_sealed_in_use, m_allowed, m_added, m_timestamp_fields, m_dss_objects;
  std::map<std::uint32_t, std::uint32_t> m_owner;  // a rewritable list -> the one object that may refer to it
  std::vector<std::uint32_t> m_pages;
  std::size_t m_timestamps = 0;
  ValidationRevisions m_result;
};

}  // namespace

ValidationRevisions check_validation_revisions(std::span<const std::uint8_t> file, pdf::Document& full,
                                               pdf::Document& sealed, std::size_t sealed_end) {
  return Checker(full, sealed).run(file, sealed_end);
}

}  // namespace sealcheck
