// The file's cross-reference structure and object access: classic xref
// tables, xref streams, hybrid files (/XRefStm), object streams and the
// chain of incremental updates (revisions), each with its byte boundary.
//
// Damage is a warning with a location (qpdf's habit); a broken xref is
// rebuilt once by scanning for object headers, and the document is marked
// as repaired. Everything is bounded by limits.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pdf/object.h"

namespace sealcheck::pdf {

struct XrefEntry final {
  enum class Type { kFree, kInUse, kCompressed };
  Type type = Type::kFree;
  std::uint64_t offset = 0;  // kInUse: byte offset; kCompressed: object stream number
  std::uint32_t gen = 0;     // kInUse: generation; kCompressed: index in the stream
};

struct Revision final {
  std::size_t xref_offset = 0;  // where this revision's xref section starts
  std::size_t end = 0;          // one past the %%EOF (and its end of line) closing it
  bool xref_stream = false;
  // What this revision's own xref section says (a hybrid file's /XRefStm
  // included), and its trailer: what the revision changed.
  std::map<std::uint32_t, XrefEntry> entries;
  std::shared_ptr<const Dict> trailer;
};

struct Warning final {
  std::size_t offset;
  std::string what;
};

class Document final {
 public:
  // Never throws; a file that cannot be read at all gives a document with
  // no trailer (usable() == false) and a warning saying why.
  static Document load(std::span<const std::uint8_t> data);

  bool usable() const { return m_trailer != nullptr; }
  bool repaired() const { return m_repaired; }
  bool encrypted() const { return m_trailer && m_trailer->find("Encrypt") != nullptr; }
  const Dict* trailer() const { return m_trailer.get(); }
  const std::vector<Revision>& revisions() const { return m_revisions; }  // oldest first
  const std::vector<Warning>& warnings() const { return m_warnings; }
  std::size_t warnings_dropped() const { return m_warnings_dropped; }

  // The object as the final revision sees it (null when free or missing).
  Object get(std::uint32_t num);
  // Follows references (bounded); a direct object is returned as is.
  Object resolve(const Object& o);
  // Object numbers in use in the final revision.
  std::vector<std::uint32_t> object_numbers() const;
  // The byte span of an uncompressed indirect object, if known.
  std::optional<std::pair<std::size_t, std::size_t>> object_span(std::uint32_t num) const;

  std::span<const std::uint8_t> data() const { return m_data; }

 private:
  explicit Document(std::span<const std::uint8_t> data) : m_data(data) {}

  void warn(std::size_t offset, std::string what);
  bool read_xref_chain(std::size_t startxref);
  bool read_section(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                    std::shared_ptr<const Dict>& trailer, bool& is_stream);
  bool read_table(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                  std::shared_ptr<const Dict>& trailer);
  bool read_stream(std::size_t offset, std::map<std::uint32_t, XrefEntry>& entries,
                   std::shared_ptr<const Dict>& trailer);
  void rebuild();
  std::size_t revision_end(std::size_t from) const;
  Object load_object(std::uint32_t num, int depth);
  Object load_compressed(std::uint32_t stream_num, std::uint32_t index, std::uint32_t num, int depth);

  std::span<const std::uint8_t> m_data;
  std::shared_ptr<const Dict> m_trailer;
  std::unordered_map<std::uint32_t, XrefEntry> m_xref;  // final view
  std::vector<Revision> m_revisions;
  std::vector<Warning> m_warnings;
  std::size_t m_warnings_dropped = 0;
  bool m_repaired = false;

  std::unordered_map<std::uint32_t, Object> m_cache;
  std::unordered_map<std::uint32_t, std::pair<std::size_t, std::size_t>> m_spans;
  struct ObjectStream {
    std::vector<std::uint8_t> data;
    std::vector<std::pair<std::uint32_t, std::size_t>> index;  // (object number, offset in data)
  };
  std::unordered_map<std::uint32_t, std::shared_ptr<ObjectStream>> m_object_streams;
  int m_active_loads = 0;
};

// The final revision's page tree leaves in order, by object number
// (cycle-safe, at most limits::kMaxFields nodes, kMaxFieldDepth deep; kids
// given directly rather than by reference are no pages here).
std::vector<std::uint32_t> page_objects(Document& doc);

}  // namespace sealcheck::pdf
