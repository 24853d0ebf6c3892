#include "ofd/zip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

#include "sealcheck/limits.h"

namespace sealcheck::ofd {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEndRecord = 0x06054b50,
                        kZip64Locator = 0x07064b50, kDescriptor = 0x08074b50;
constexpr std::size_t kEndRecordSize = 22, kCentralSize = 46, kLocalSize = 30;
constexpr std::uint16_t kEncrypted = 1 << 0, kHasDescriptor = 1 << 3, kStrongEncryption = 1 << 6, kUtf8Name = 1 << 11;

std::uint16_t u16(std::span<const std::uint8_t> d, std::size_t at) {
  return static_cast<std::uint16_t>(d[at] | d[at + 1] << 8);
}
std::uint32_t u32(std::span<const std::uint8_t> d, std::size_t at) {
  return static_cast<std::uint32_t>(d[at]) | static_cast<std::uint32_t>(d[at + 1]) << 8 |
         static_cast<std::uint32_t>(d[at + 2]) << 16 | static_cast<std::uint32_t>(d[at + 3]) << 24;
}

std::uint64_t u64(std::span<const std::uint8_t> d, std::size_t at) {
  return static_cast<std::uint64_t>(u32(d, at)) | static_cast<std::uint64_t>(u32(d, at + 4)) << 32;
}

// The local header's sizes are the directory's: as 32-bit fields, or
// (some writers always do this, for an archive that needs no ZIP64) both
// 0xffffffff with the real ones in a ZIP64 extra field of the local header.
bool local_sizes_agree(std::span<const std::uint8_t> file, std::size_t h, std::size_t name_len, std::size_t extra_len,
                       const ZipEntry& e) {
  const std::uint32_t compressed = u32(file, h + 18), size = u32(file, h + 22);
  if (compressed != 0xffffffff || size != 0xffffffff) return compressed == e.compressed_size && size == e.size;
  std::size_t at = h + 30 + name_len;
  const std::size_t end = at + extra_len;
  bool found = false;
  while (at + 4 <= end) {
    const std::uint16_t id = u16(file, at), len = u16(file, at + 2);
    if (at + 4 + len > end) return false;
    if (id == 0x0001) {
      if (found || len < 16 || u64(file, at + 4) != e.size || u64(file, at + 12) != e.compressed_size) return false;
      found = true;
    }
    at += 4 + static_cast<std::size_t>(len);
  }
  return found && at == end;
}

// A path inside the package: relative, "/"-separated, no "." or ".."
// segment, no empty segment, no control character.
bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > limits::kMaxZipNameBytes || name.front() == '/') return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // a drive letter
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t slash = std::min(name.find('/', start), name.size());
    const std::string_view segment = name.substr(start, slash - start);
    // A trailing "/" (a directory entry) leaves one empty last segment.
    if ((segment.empty() && slash != name.size()) || segment == "." || segment == "..") return false;
    start = slash + 1;
  }
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f; });
}

std::string folded(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

ZipArchive refuse(std::string why) {
  ZipArchive a;
  a.error = std::move(why);
  return a;
}

}  // namespace

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const ZipEntry& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

ZipArchive read_zip(std::span<const std::uint8_t> file) {
  if (file.size() < kEndRecordSize) return refuse("too short for a ZIP archive");
  if (file.size() > limits::kMaxFileBytes) return refuse("too large");
  // The end record: the one whose comment ends exactly at the end of the
  // file (a comment may hold the signature bytes too, so take the last
  // that fits and refuse if another would).
  std::optional<std::size_t> end_at;
  const std::size_t lowest = file.size() > kEndRecordSize + 0xffff ? file.size() - kEndRecordSize - 0xffff : 0;
  for (std::size_t at = file.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (u32(file, at) != kEndRecord || at + kEndRecordSize + u16(file, at + 20) != file.size()) continue;
    if (end_at) return refuse("two end-of-directory records fit the file");
    end_at = at;
  }
  if (!end_at) return refuse("no end-of-central-directory record");
  const std::size_t eocd = *end_at;
  const std::uint16_t disk = u16(file, eocd + 4), cd_disk = u16(file, eocd + 6);
  const std::uint16_t on_disk = u16(file, eocd + 8), total = u16(file, eocd + 10);
  const std::uint32_t cd_size = u32(file, eocd + 12), cd_offset = u32(file, eocd + 16);
  if (disk != 0 || cd_disk != 0 || on_disk != total) return refuse("an archive of several disks");
  if (total == 0xffff || cd_size == 0xffffffff || cd_offset == 0xffffffff ||
      (eocd >= 20 && u32(file, eocd - 20) == kZip64Locator)) {
    return refuse("ZIP64 is not supported");
  }
  if (total > limits::kMaxZipEntries) return refuse("too many entries");
  // The directory ends where the end record starts: nothing between.
  if (static_cast<std::size_t>(cd_offset) + cd_size != eocd)
    return refuse("the central directory does not end the archive");

  ZipArchive a;
  std::set<std::string> names, folded_names;
  std::size_t at = cd_offset, total_size = 0;
  for (std::uint16_t i = 0; i < total; ++i) {
    if (at + kCentralSize > eocd || u32(file, at) != kCentralHeader) return refuse("a malformed central directory");
    ZipEntry e;
    const std::uint16_t flags = u16(file, at + 8);
    e.method = u16(file, at + 10);
    e.crc32 = u32(file, at + 16);
    e.compressed_size = u32(file, at + 20);
    e.size = u32(file, at + 24);
    const std::size_t name_len = u16(file, at + 28), extra_len = u16(file, at + 30), comment_len = u16(file, at + 32);
    const std::uint16_t start_disk = u16(file, at + 34);
    e.header_offset = u32(file, at + 42);
    if (at + kCentralSize + name_len + extra_len + comment_len > eocd) return refuse("a malformed central directory");
    e.name.assign(reinterpret_cast<const char*>(file.data()) + at + kCentralSize, name_len);
    at += kCentralSize + name_len + extra_len + comment_len;

    if ((flags & (kEncrypted | kStrongEncryption)) != 0) return refuse("an encrypted entry: " + e.name);
    if (start_disk != 0) return refuse("an archive of several disks");
    if (e.method != 0 && e.method != 8) return refuse("compression method " + std::to_string(e.method) + ": " + e.name);
    if (e.compressed_size == 0xffffffff || e.size == 0xffffffff || e.header_offset == 0xffffffff) {
      return refuse("ZIP64 is not supported");
    }
    if (!safe_name(e.name)) return refuse("an unsafe entry name");
    if (!names.insert(e.name).second) return refuse("a name given twice: " + e.name);
    if (!folded_names.insert(folded(e.name)).second) return refuse("two names that differ only in case: " + e.name);
    if (e.size > limits::kMaxZipEntryBytes || (total_size += e.size) > limits::kMaxZipTotalBytes) {
      return refuse("entries too large");
    }
    if (e.method == 0 && e.size != e.compressed_size) return refuse("a stored entry with two sizes: " + e.name);

    // Its local header must say the same.
    const std::size_t h = e.header_offset;
    if (h + kLocalSize > cd_offset || u32(file, h) != kLocalHeader) return refuse("no local header for " + e.name);
    const std::uint16_t local_flags = u16(file, h + 6), local_method = u16(file, h + 8);
    const std::size_t local_name = u16(file, h + 26), local_extra = u16(file, h + 28);
    e.data_offset = h + kLocalSize + local_name + local_extra;
    // The UTF-8 flag may differ between the two headers (some Java writers
    // set it in one only): harmless for an ASCII name, which reads the same
    // either way, but a non-ASCII one would then read differently.
    const bool ascii = std::all_of(e.name.begin(), e.name.end(), [](char c) { return (c & 0x80) == 0; });
    const std::uint16_t flag_mask = ascii ? static_cast<std::uint16_t>(~kUtf8Name) : 0xffff;
    if ((local_flags & flag_mask) != (flags & flag_mask) || local_method != e.method || local_name != name_len ||
        e.data_offset > cd_offset || h + kLocalSize + name_len > cd_offset ||
        std::memcmp(e.name.data(), file.data() + h + kLocalSize, name_len) != 0) {
      return refuse("the local header disagrees with the directory: " + e.name);
    }
    if (e.compressed_size > cd_offset - e.data_offset) return refuse("an entry runs into the directory: " + e.name);
    e.end = e.data_offset + e.compressed_size;
    if ((flags & kHasDescriptor) != 0) {
      // crc-32 and sizes follow the data (with or without a signature).
      std::size_t d = e.end;
      if (d + 4 <= cd_offset && u32(file, d) == kDescriptor) d += 4;
      if (d + 12 > cd_offset || u32(file, d) != e.crc32 || u32(file, d + 4) != e.compressed_size ||
          u32(file, d + 8) != e.size) {
        return refuse("the data descriptor disagrees with the directory: " + e.name);
      }
      e.end = d + 12;
    } else if (u32(file, h + 14) != e.crc32 || !local_sizes_agree(file, h, local_name, local_extra, e)) {
      return refuse("the local header disagrees with the directory: " + e.name);
    }
    a.entries.push_back(std::move(e));
  }
  if (at != eocd) return refuse("the central directory has bytes after its entries");

  // The entries tile the bytes before the directory: from the start, one
  // after the other, no overlap and nothing hidden between them.
  std::vector<const ZipEntry*> order;
  for (const ZipEntry& e : a.entries) order.push_back(&e);
  std::sort(order.begin(), order.end(),
            [](const ZipEntry* x, const ZipEntry* y) { return x->header_offset < y->header_offset; });
  std::size_t next = 0;
  for (const ZipEntry* e : order) {
    if (e->header_offset != next) {
      return refuse(e->header_offset < next ? "entries overlap: " + e->name
                                            : "bytes outside any entry before " + e->name);
    }
    next = e->end;
  }
  if (next != cd_offset) return refuse("bytes outside any entry before the directory");
  return a;
}

std::optional<std::vector<std::uint8_t>> zip_extract(std::span<const std::uint8_t> file, const ZipEntry& entry,
                                                     std::string* error) {
  const auto fail = [&](std::string why) {
    if (error) *error = std::move(why) + ": " + entry.name;
    return std::nullopt;
  };
  if (entry.data_offset > file.size() || entry.compressed_size > file.size() - entry.data_offset) {
    return fail("outside the file");
  }
  const std::span<const std::uint8_t> data = file.subspan(entry.data_offset, entry.compressed_size);
  std::vector<std::uint8_t> out;
  if (entry.method == 0) {
    out.assign(data.begin(), data.end());
  } else {
    // Raw deflate, at most the size the directory states (itself bounded)
    // and at most kMaxExpansionRatio times the compressed bytes: a bomb
    // stops there.
    if (entry.size > std::max<std::size_t>(entry.compressed_size, 1) * limits::kMaxExpansionRatio) {
      return fail("expands too much");
    }
    out.resize(entry.size);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return fail("zlib init failed");
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    // Exactly the stated size (more would not fit: no stream end), the
    // stream ended, no compressed bytes left over.
    const int rc = inflate(&z, Z_FINISH);
    const std::size_t produced = out.size() - z.avail_out;
    const bool whole = rc == Z_STREAM_END && produced == entry.size && z.avail_in == 0;
    inflateEnd(&z);
    if (!whole) return fail("not a sound deflate stream");
  }
  const uLong crc = crc32(0L, out.data(), static_cast<uInt>(out.size()));
  if (crc != entry.crc32) return fail("CRC-32 mismatch");
  return out;
}

}  // namespace sealcheck::ofd
