#include "pdf/document.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "pdf/filters.h"
#include "pdf/lexer.h"
#include "pdf/parser.h"
#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

std::string_view text_of(std::span<const std::uint8_t> d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

bool is_keyword(const Token& t, std::string_view k) { return t.type == TokenType::kKeyword && t.text == k; }

std::optional<std::int64_t> int_of(const Dict& d, std::string_view key) {
  const Object* o = d.find(key);
  return o && o->as_int() ? std::optional(*o->as_int()) : std::nullopt;
}

}  // namespace

void Document::warn(std::size_t offset, std::string what) {
  if (m_warnings.size() < limits::kMaxWarnings) {
    m_warnings.push_back({offset, std::move(what)});
  } else {
    ++m_warnings_dropped;
  }
}

Document Document::load(std::span<const std::uint8_t> data) {
  Document doc(data);
  const std::string_view text = text_of(data);
  const std::size_t window = std::min(data.size(), limits::kStartxrefSearchWindow);
  const std::size_t sx = text.rfind("startxref", data.size());
  bool ok = false;
  if (sx != std::string_view::npos && sx >= data.size() - window) {
    Lexer lex(data, sx + 9);
    const Token off = lex.next();
    if (off.type == TokenType::kInteger && off.integer >= 0 && static_cast<std::uint64_t>(off.integer) < data.size()) {
      ok = doc.read_xref_chain(static_cast<std::size_t>(off.integer));
    } else {
      doc.warn(sx, "startxref is not followed by a valid offset");
    }
  } else {
    doc.warn(data.size(), "no startxref near the end of the file");
  }
  if (!ok) doc.rebuild();
  return doc;
}

std::size_t Document::revision_end(std::size_t from) const {
  const std::string_view text = text_of(m_data);
  const std::size_t eof = text.find("%%EOF", from);
  if (eof == std::string_view::npos) return m_data.size();
  std::size_t end = eof + 5;
  if (end < m_data.size() && m_data[end] == '\r') ++end;
  if (end < m_data.size() && m_data[end] == '\n') ++end;
  return end;
}

bool Document::read_xref_chain(std::size_t startxref) {
  struct Section {
    std::size_t offset;
    bool is_stream;
    std::map<std::uint32_t, XrefEntry> entries;
    std::shared_ptr<const Dict> trailer;
  };
  std::vector<Section> sections;  // newest first
  std::set<std::size_t> visited;
  std::size_t total_entries = 0;
  std::optional<std::size_t> next = startxref;
  while (next) {
    const std::size_t offset = *next;
    next.reset();
    if (!visited.insert(offset).second) {
      warn(offset, "xref /Prev chain loops");
      return false;
    }
    if (sections.size() >= limits::kMaxRevisions) {
      warn(offset, "too many revisions");
      return false;
    }
    Section s{offset, false, {}, nullptr};
    if (!read_section(offset, s.entries, s.trailer, s.is_stream)) return false;
    // Hybrid file: the table's entries win, then those of /XRefStm.
    if (const auto xs = int_of(*s.trailer, "XRefStm"); xs && !s.is_stream) {
      if (*xs < 0 || static_cast<std::uint64_t>(*xs) >= m_data.size() ||
          !visited.insert(static_cast<std::size_t>(*xs)).second) {
        warn(offset, "bad /XRefStm offset");
        return false;
      }
      std::map<std::uint32_t, XrefEntry> extra;
      std::shared_ptr<const Dict> ignored;
      if (!read_stream(static_cast<std::size_t>(*xs), extra, ignored)) return false;
      s.entries.merge(extra);  // keeps existing keys
    }
    total_entries += s.entries.size();
    if (total_entries > limits::kMaxXrefEntries) {
      warn(offset, "too many xref entries");
      return false;
    }
    if (const auto prev = int_of(*s.trailer, "Prev")) {
      if (*prev < 0 || static_cast<std::uint64_t>(*prev) >= m_data.size()) {
        warn(offset, "bad /Prev offset");
        return false;
      }
      next = static_cast<std::size_t>(*prev);
    }
    sections.push_back(std::move(s));
  }
  m_trailer = sections.front().trailer;
  if (m_trailer->find("Root") == nullptr) {
    warn(sections.front().offset, "trailer has no /Root");
    m_trailer = nullptr;
    return false;
  }
  for (const Section& s : sections) {
    for (const auto& [num, entry] : s.entries) m_xref.emplace(num, entry);
  }
  for (auto it = sections.rbegin(); it != sections.rend(); ++it) {
    m_revisions.push_back(
        {it->offset, revision_end(it->offset), it->is_stream, std::move(it->entries), std::move(it->trailer)});
  }
  return true;
}

bool Document::read_section(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                            std::shared_ptr<const Dict>& trailer, bool& is_stream) {
  Lexer lex(m_data, offset);
  const Token first = lex.next();
  is_stream = !is_keyword(first, "xref");
  return is_stream ? read_stream(offset, entries, trailer) : read_table(offset, entries, trailer);
}

bool Document::read_table(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                          std::shared_ptr<const Dict>& trailer) {
  Parser parser(m_data);
  Lexer& lex = parser.lexer();
  lex.seek(offset);
  lex.next();  // "xref"
  for (;;) {
    const Token start = lex.next();
    if (is_keyword(start, "trailer")) break;
    const Token count = lex.next();
    if (start.type != TokenType::kInteger || count.type != TokenType::kInteger || start.integer < 0 ||
        count.integer < 0 || start.integer + count.integer > static_cast<std::int64_t>(limits::kMaxObjectNumber) + 1 ||
        static_cast<std::size_t>(count.integer) > limits::kMaxXrefEntries) {
      warn(start.begin, "malformed xref subsection header");
      return false;
    }
    for (std::int64_t i = 0; i < count.integer; ++i) {
      const Token off = lex.next();
      const Token gen = lex.next();
      const Token kind = lex.next();
      if (off.type != TokenType::kInteger || gen.type != TokenType::kInteger || off.integer < 0 || gen.integer < 0 ||
          gen.integer > 65535 || !(is_keyword(kind, "n") || is_keyword(kind, "f"))) {
        warn(off.begin, "malformed xref entry");
        return false;
      }
      XrefEntry e;
      e.type = is_keyword(kind, "n") ? XrefEntry::Type::kInUse : XrefEntry::Type::kFree;
      e.offset = static_cast<std::uint64_t>(off.integer);
      e.gen = static_cast<std::uint32_t>(gen.integer);
      if (e.type == XrefEntry::Type::kInUse && e.offset >= m_data.size()) {
        warn(off.begin, "xref entry points beyond the end of the file");
        return false;
      }
      const auto num = static_cast<std::uint32_t>(start.integer + i);
      if (!entries.emplace(num, e).second) warn(off.begin, "object listed twice in one xref section");
    }
  }
  auto t = parser.parse_object();
  if (!t || t->as_dict() == nullptr || t->as_stream() != nullptr) {
    warn(offset, "trailer is not a dictionary");
    return false;
  }
  trailer = *std::get_if<std::shared_ptr<const Dict>>(&t->value());
  return true;
}

bool Document::read_stream(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                           std::shared_ptr<const Dict>& trailer) {
  Parser parser(m_data);
  auto io = parser.parse_indirect(offset);
  const Stream* s = io ? io->object.as_stream() : nullptr;
  if (s == nullptr || !s->dict->find("Type") || !s->dict->find("Type")->is_name("XRef")) {
    warn(offset, "no xref table or xref stream at startxref/Prev offset");
    return false;
  }
  const Dict& d = *s->dict;
  const Decoded dec = decode_stream(d, m_data.subspan(s->data_begin, s->data_length), limits::kMaxDecodedStreamBytes);
  if (!dec.error.empty()) {
    warn(offset, "xref stream: " + dec.error);
    return false;
  }
  const Object* w_obj = d.find("W");
  const Array* w = w_obj ? w_obj->as_array() : nullptr;
  const auto size = int_of(d, "Size");
  if (w == nullptr || w->size() != 3 || !size || *size < 0 ||
      *size > static_cast<std::int64_t>(limits::kMaxObjectNumber) + 1) {
    warn(offset, "xref stream: bad /W or /Size");
    return false;
  }
  std::size_t widths[3];
  for (int i = 0; i < 3; ++i) {
    const auto* v = (*w)[static_cast<std::size_t>(i)].as_int();
    if (v == nullptr || *v < 0 || *v > 8) {
      warn(offset, "xref stream: bad /W");
      return false;
    }
    widths[i] = static_cast<std::size_t>(*v);
  }
  const std::size_t row = widths[0] + widths[1] + widths[2];
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
  if (const Object* idx = d.find("Index"); idx && idx->as_array()) {
    const Array& a = *idx->as_array();
    if (a.size() % 2 != 0) {
      warn(offset, "xref stream: odd /Index");
      return false;
    }
    for (std::size_t i = 0; i < a.size(); i += 2) {
      const auto* st = a[i].as_int();
      const auto* n = a[i + 1].as_int();
      if (!st || !n || *st < 0 || *n < 0 || *st + *n > static_cast<std::int64_t>(limits::kMaxObjectNumber) + 1) {
        warn(offset, "xref stream: bad /Index");
        return false;
      }
      ranges.emplace_back(*st, *n);
    }
  } else {
    ranges.emplace_back(0, *size);
  }
  std::size_t pos = 0;
  auto field = [&](std::size_t width, std::uint64_t dflt) {
    if (width == 0) return dflt;
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < width; ++k) v = v << 8 | dec.bytes[pos++];
    return v;
  };
  for (const auto& [start, count] : ranges) {
    for (std::int64_t i = 0; i < count; ++i) {
      if (row == 0 || pos + row > dec.bytes.size()) {
        warn(offset, "xref stream shorter than its /Index");
        return false;
      }
      const std::uint64_t type = field(widths[0], 1);
      const std::uint64_t f2 = field(widths[1], 0);
      const std::uint64_t f3 = field(widths[2], 0);
      XrefEntry e;
      if (type == 0) {
        e.type = XrefEntry::Type::kFree;
      } else if (type == 1) {
        e.type = XrefEntry::Type::kInUse;
        e.offset = f2;
        e.gen = static_cast<std::uint32_t>(std::min<std::uint64_t>(f3, 65535));
        if (f2 >= m_data.size()) {
          warn(offset, "xref stream entry points beyond the end of the file");
          return false;
        }
      } else if (type == 2) {
        e.type = XrefEntry::Type::kCompressed;
        e.offset = f2;
        e.gen = static_cast<std::uint32_t>(std::min<std::uint64_t>(f3, limits::kMaxObjectsPerObjectStream));
      } else {
        continue;  // reserved types read as null
      }
      entries.emplace(static_cast<std::uint32_t>(start + i), e);
    }
  }
  trailer = s->dict;
  return true;
}

void Document::rebuild() {
  m_repaired = true;
  m_xref.clear();
  m_revisions.clear();
  m_trailer = nullptr;
  const std::string_view text = text_of(m_data);
  std::size_t found = 0;
  for (std::size_t p = text.find("obj"); p != std::string_view::npos; p = text.find("obj", p + 3)) {
    // "<num> <gen> obj": walk back over white space, gen, white space, num.
    const std::size_t after = p + 3;
    if (after < m_data.size() && !is_pdf_whitespace(m_data[after]) && !is_pdf_delimiter(m_data[after])) continue;
    std::size_t q = p;
    auto skip_ws = [&] {
      while (q > 0 && is_pdf_whitespace(m_data[q - 1])) --q;
    };
    auto digits = [&] {
      const std::size_t end = q;
      while (q > 0 && m_data[q - 1] >= '0' && m_data[q - 1] <= '9' && end - q < 10) --q;
      return end - q;
    };
    const std::size_t ws1 = q;
    skip_ws();
    if (q == ws1) continue;
    if (digits() == 0) continue;
    const std::size_t ws2 = q;
    skip_ws();
    if (q == ws2) continue;
    if (digits() == 0) continue;
    if (q > 0 && !is_pdf_whitespace(m_data[q - 1]) && !is_pdf_delimiter(m_data[q - 1])) continue;
    Lexer lex(m_data, q);
    const Token num = lex.next();
    const Token gen = lex.next();
    if (num.type != TokenType::kInteger || gen.type != TokenType::kInteger || num.integer < 0 ||
        num.integer > limits::kMaxObjectNumber || gen.integer < 0 || gen.integer > 65535) {
      continue;
    }
    if (++found > limits::kMaxObjectsScanned) {
      warn(p, "too many objects while rebuilding the xref");
      break;
    }
    // A later definition of the same number wins, as in an update.
    m_xref[static_cast<std::uint32_t>(num.integer)] = {XrefEntry::Type::kInUse, q,
                                                       static_cast<std::uint32_t>(gen.integer)};
  }
  // The trailer: the last "trailer" dictionary with /Root, else the last
  // xref stream dictionary with /Root.
  for (std::size_t p = text.rfind("trailer"); p != std::string_view::npos && !m_trailer;
       p = p == 0 ? std::string_view::npos : text.rfind("trailer", p - 1)) {
    Parser parser(m_data);
    parser.lexer().seek(p + 7);
    auto t = parser.parse_object();
    if (t && t->as_dict() && !t->as_stream() && t->as_dict()->find("Root")) {
      m_trailer = *std::get_if<std::shared_ptr<const Dict>>(&t->value());
    }
  }
  if (!m_trailer) {
    std::size_t best_offset = 0;
    for (const auto& [num, e] : m_xref) {
      Parser parser(m_data);
      auto io = parser.parse_indirect(static_cast<std::size_t>(e.offset));
      const Stream* s = io ? io->object.as_stream() : nullptr;
      if (s && s->dict->find("Type") && s->dict->find("Type")->is_name("XRef") && s->dict->find("Root") &&
          e.offset >= best_offset) {
        best_offset = static_cast<std::size_t>(e.offset);
        m_trailer = s->dict;
      }
    }
  }
  if (!m_trailer) {
    // Last resort: the newest catalog becomes the root of a made-up trailer.
    std::size_t best_offset = 0;
    for (const auto& [num, e] : m_xref) {
      Parser parser(m_data);
      auto io = parser.parse_indirect(static_cast<std::size_t>(e.offset));
      const Dict* d = io ? io->object.as_dict() : nullptr;
      if (d && !io->object.as_stream() && d->find("Type") && d->find("Type")->is_name("Catalog") &&
          e.offset >= best_offset) {
        best_offset = static_cast<std::size_t>(e.offset);
        auto t = std::make_shared<Dict>();
        t->entries.emplace_back("Root", Object(Ref{num, e.gen}));
        m_trailer = std::move(t);
      }
    }
  }
  if (!m_trailer) {
    warn(0, "no trailer found: the file's structure cannot be read");
    return;
  }
  warn(0, "xref rebuilt by scanning the file");
  for (std::size_t p = text.find("%%EOF"); p != std::string_view::npos; p = text.find("%%EOF", p + 5)) {
    if (m_revisions.size() >= limits::kMaxRevisions) break;
    m_revisions.push_back({p, revision_end(p), false, {}, nullptr});
  }
}

Object Document::get(std::uint32_t num) {
  if (auto it = m_cache.find(num); it != m_cache.end()) return it->second;
  Object o = load_object(num, 0);
  m_cache.emplace(num, o);
  return o;
}

Object Document::load_object(std::uint32_t num, int depth) {
  if (depth > limits::kMaxResolveDepth || m_active_loads > limits::kMaxResolveDepth) {
    warn(0, "object references nest too deeply at object " + std::to_string(num));
    return {};
  }
  const auto it = m_xref.find(num);
  if (it == m_xref.end() || it->second.type == XrefEntry::Type::kFree) return {};
  const XrefEntry e = it->second;
  if (e.type == XrefEntry::Type::kCompressed) {
    return load_compressed(static_cast<std::uint32_t>(e.offset), e.gen, num, depth);
  }
  ++m_active_loads;
  Parser parser(m_data);
  auto io = parser.parse_indirect(static_cast<std::size_t>(e.offset), [&](const Ref& r) -> std::optional<std::int64_t> {
    const Object len = r.num == num ? Object{} : load_object(r.num, depth + 1);
    return len.as_int() ? std::optional(*len.as_int()) : std::nullopt;
  });
  --m_active_loads;
  if (!io) {
    warn(static_cast<std::size_t>(e.offset), "object " + std::to_string(num) + ": " + parser.error());
    return {};
  }
  if (io->ref.num != num) {
    warn(static_cast<std::size_t>(e.offset),
         "xref entry for object " + std::to_string(num) + " points at object " + std::to_string(io->ref.num));
    return {};
  }
  m_spans[num] = {io->begin, io->end};
  return std::move(io->object);
}

Object Document::load_compressed(std::uint32_t stream_num, std::uint32_t index, std::uint32_t num, int depth) {
  std::shared_ptr<ObjectStream> os;
  if (auto it = m_object_streams.find(stream_num); it != m_object_streams.end()) {
    os = it->second;
  } else {
    const Object so = load_object(stream_num, depth + 1);
    const Stream* s = so.as_stream();
    m_object_streams[stream_num] = nullptr;  // also guards against self-reference
    if (s == nullptr || !s->dict->find("Type") || !s->dict->find("Type")->is_name("ObjStm")) {
      warn(so.offset(), "object stream " + std::to_string(stream_num) + " is missing or not an object stream");
      return {};
    }
    const auto n = int_of(*s->dict, "N");
    const auto first = int_of(*s->dict, "First");
    Decoded dec =
        decode_stream(*s->dict, m_data.subspan(s->data_begin, s->data_length), limits::kMaxDecodedStreamBytes);
    if (!dec.error.empty() || !n || !first || *n < 0 ||
        static_cast<std::size_t>(*n) > limits::kMaxObjectsPerObjectStream || *first < 0 ||
        static_cast<std::size_t>(*first) > dec.bytes.size()) {
      warn(so.offset(), "object stream " + std::to_string(stream_num) + " is malformed");
      return {};
    }
    os = std::make_shared<ObjectStream>();
    os->data = std::move(dec.bytes);
    Lexer lex(os->data);
    for (std::int64_t i = 0; i < *n; ++i) {
      const Token a = lex.next();
      const Token b = lex.next();
      if (a.type != TokenType::kInteger || b.type != TokenType::kInteger || a.integer < 0 || b.integer < 0 ||
          a.integer > limits::kMaxObjectNumber ||
          static_cast<std::uint64_t>(*first) + static_cast<std::uint64_t>(b.integer) >= os->data.size()) {
        warn(so.offset(), "object stream " + std::to_string(stream_num) + " has a bad index");
        break;
      }
      os->index.emplace_back(static_cast<std::uint32_t>(a.integer),
                             static_cast<std::size_t>(*first) + static_cast<std::size_t>(b.integer));
    }
    m_object_streams[stream_num] = os;
  }
  if (!os || index >= os->index.size() || os->index[index].first != num) {
    if (os) warn(0, "object " + std::to_string(num) + " is not where its xref entry says");
    return {};
  }
  Parser parser(os->data);
  parser.lexer().seek(os->index[index].second);
  auto o = parser.parse_object();
  if (!o) {
    warn(0, "object " + std::to_string(num) + " in object stream: " + parser.error());
    return {};
  }
  return *o;
}

Object Document::resolve(const Object& o) {
  Object cur = o;
  for (int i = 0; i < limits::kMaxResolveDepth; ++i) {
    const Ref* r = cur.as_ref();
    if (r == nullptr) return cur;
    cur = get(r->num);
  }
  warn(o.offset(), "reference chain too long");
  return {};
}

std::vector<std::uint32_t> Document::object_numbers() const {
  std::vector<std::uint32_t> out;
  for (const auto& [num, e] : m_xref) {
    if (e.type != XrefEntry::Type::kFree) out.push_back(num);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::pair<std::size_t, std::size_t>> Document::object_span(std::uint32_t num) const {
  const auto it = m_spans.find(num);
  if (it == m_spans.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint32_t> page_objects(Document& doc) {
  std::vector<std::uint32_t> out;
  const Dict* trailer = doc.trailer();
  const Object root = trailer && trailer->find("Root") ? doc.resolve(*trailer->find("Root")) : Object{};
  const Object* pages = root.as_dict() ? root.as_dict()->find("Pages") : nullptr;
  if (pages == nullptr || pages->as_ref() == nullptr) return out;
  std::vector<std::pair<std::uint32_t, int>> stack{{pages->as_ref()->num, 0}};
  std::set<std::uint32_t> visited;
  while (!stack.empty() && visited.size() < limits::kMaxFields) {
    const auto [num, depth] = stack.back();
    stack.pop_back();
    if (depth > limits::kMaxFieldDepth || !visited.insert(num).second) continue;
    const Object node = doc.get(num);
    const Dict* d = node.as_dict();
    if (d == nullptr) continue;
    if (const Object* kids = d->find("Kids")) {
      const Object k = doc.resolve(*kids);
      if (const Array* a = k.as_array()) {
        for (auto it = a->rbegin(); it != a->rend(); ++it) {
          if (const Ref* r = it->as_ref()) stack.push_back({r->num, depth + 1});
        }
      }
      continue;
    }
    out.push_back(num);
  }
  return out;
}

}  // namespace sealcheck::pdf
