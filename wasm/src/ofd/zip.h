// The ZIP container of an OFD document (GB/T 33190), read for hostile
// input: by its central directory *and* every local header, which must
// agree; anything two ZIP readers could read differently is refused
// (duplicate or case-folded duplicate names, entries overlapping each other
// or the directory, bytes before the first entry or between the directory
// and its end record, names with "..", absolute or backslashed paths,
// encryption, several disks, ZIP64, methods other than stored and deflate).
// Everything is bounded by limits.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sealcheck::ofd {

struct ZipEntry final {
  std::string name;          // as stored (UTF-8 or ASCII)
  std::uint16_t method = 0;  // 0 stored, 8 deflate
  std::uint32_t crc32 = 0;
  std::size_t compressed_size = 0;
  std::size_t size = 0;           // uncompressed
  std::size_t header_offset = 0;  // its local header
  std::size_t data_offset = 0;    // its (compressed) data
  std::size_t end = 0;            // one past its data (and data descriptor)
};

struct ZipArchive final {
  std::vector<ZipEntry> entries;  // in central directory order
  std::string error;              // empty when the archive is sound

  bool ok() const { return error.empty(); }
  const ZipEntry* find(std::string_view name) const;
};

// Reads the archive's structure; nothing is inflated yet.
ZipArchive read_zip(std::span<const std::uint8_t> file);

// The entry's bytes: inflated (at most limits::kMaxZipEntryBytes, and at
// most limits::kMaxExpansionRatio times its compressed size) and checked
// against its CRC-32. nullopt with `error` set otherwise.
std::optional<std::vector<std::uint8_t>> zip_extract(std::span<const std::uint8_t> file, const ZipEntry& entry,
                                                     std::string* error);

}  // namespace sealcheck::ofd
