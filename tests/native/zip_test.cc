// The OFD package's ZIP reader against archives other tools made
// (tests/ofd/zip/README.md); what each must give is written here by hand.
#include "ofd/zip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sealcheck/limits.h"

namespace sealcheck::ofd {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;
const fs::path kDir = fs::path(SEALCHECK_CORPUS_DIR) / ".." / "ofd" / "zip";

Bytes read(const std::string& name) {
  std::ifstream in(kDir / name, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string text(const ZipArchive& a, const Bytes& file, const std::string& name) {
  const ZipEntry* e = a.find(name);
  if (e == nullptr) return "<absent>";
  std::string error;
  const auto bytes = zip_extract(file, *e, &error);
  return bytes ? std::string(bytes->begin(), bytes->end()) : "<" + error + ">";
}

TEST(Zip, ReadsWhatInfoZipWrites) {
  const Bytes file = read("genuine.zip");
  const ZipArchive a = read_zip(file);
  ASSERT_TRUE(a.ok()) << a.error;
  ASSERT_EQ(a.entries.size(), 3u);
  EXPECT_EQ(a.entries[0].name, "OFD.xml");
  EXPECT_EQ(a.entries[0].method, 8);
  EXPECT_EQ(a.entries[2].name, "Doc_0/stored.txt");
  EXPECT_EQ(a.entries[2].method, 0);
  EXPECT_EQ(text(a, file, "Doc_0/stored.txt"), "stored text\n");
  const std::string page = text(a, file, "Doc_0/Pages/Page_0/Content.xml");
  EXPECT_EQ(page.size(), 2062u);
  EXPECT_EQ(page.substr(0, 9), "<ofd:Page");
  EXPECT_NE(text(a, file, "OFD.xml").find("DocType=\"OFD\""), std::string::npos);
  EXPECT_EQ(a.find("ofd.xml"), nullptr);
}

TEST(Zip, ADataDescriptorMustAgreeWithTheDirectory) {
  const Bytes file = read("descriptor.zip");
  const ZipArchive a = read_zip(file);
  ASSERT_TRUE(a.ok()) << a.error;
  std::string want;
  for (int i = 0; i < 10; ++i) want += "<ofd:Document/>\n";
  EXPECT_EQ(text(a, file, "Doc_0/Document.xml"), want);
}

TEST(Zip, RefusesWhatTwoReadersCouldReadDifferently) {
  const std::pair<const char*, const char*> refused[] = {
      {"encrypted.zip", "an encrypted entry"},
      {"zip64.zip", "ZIP64 is not supported"},
      // Info-ZIP reading standard input writes a ZIP64 local header.
      {"streamed-zip64-local.zip", "ZIP64 is not supported"},
      {"prefixed.zip", "bytes outside any entry"},
      {"dup.zip", "a name given twice: OFD.xml"},
      {"case.zip", "two names that differ only in case"},
      {"dotdot.zip", "an unsafe entry name"},
      {"absolute.zip", "an unsafe entry name"},
      {"backslash.zip", "an unsafe entry name"},
      {"bzip2.zip", "compression method 12"},
      {"bomb-entry-too-large.zip", "entries too large"},
      {"local-name-differs.zip", "the local header disagrees with the directory"},
      {"overlap.zip", "entries overlap: B.xml"},
  };
  for (const auto& [name, why] : refused) {
    const ZipArchive a = read_zip(read(name));
    EXPECT_FALSE(a.ok()) << name;
    EXPECT_NE(a.error.find(why), std::string::npos) << name << ": " << a.error;
  }
}

TEST(Zip, ExtractionIsBoundedAndChecked) {
  Bytes file = read("bomb-ratio.zip");
  ZipArchive a = read_zip(file);
  ASSERT_TRUE(a.ok()) << a.error;                                      // 50 MB is within the entry limit ...
  EXPECT_EQ(text(a, file, "OFD.xml"), "<expands too much: OFD.xml>");  // ... not 1000 times its bytes
  file = read("crc-mismatch.zip");
  a = read_zip(file);
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(text(a, file, "OFD.xml"), "<CRC-32 mismatch: OFD.xml>");
}

// One entry over the limit: an archive of empty stored files written here
// (the layout is the format's; nothing of the reader is used to make it).
TEST(Zip, RefusesTooManyEntries) {
  const auto put16 = [](Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  };
  const auto put32 = [&](Bytes& b, std::uint32_t v) {
    put16(b, static_cast<std::uint16_t>(v));
    put16(b, static_cast<std::uint16_t>(v >> 16));
  };
  for (const std::size_t count : {limits::kMaxZipEntries, limits::kMaxZipEntries + 1}) {
    Bytes body, cd;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string name = "f" + std::to_string(i);
      const auto offset = static_cast<std::uint32_t>(body.size());
      put32(body, 0x04034b50);
      for (std::uint16_t v : {20, 0, 0, 0, 0}) put16(body, v);
      for (std::uint32_t v : {0u, 0u, 0u}) put32(body, v);
      put16(body, static_cast<std::uint16_t>(name.size()));
      put16(body, 0);
      body.insert(body.end(), name.begin(), name.end());
      put32(cd, 0x02014b50);
      for (std::uint16_t v : {20, 20, 0, 0, 0, 0}) put16(cd, v);
      for (std::uint32_t v : {0u, 0u, 0u}) put32(cd, v);
      put16(cd, static_cast<std::uint16_t>(name.size()));
      for (std::uint16_t v : {0, 0, 0, 0}) put16(cd, v);
      put32(cd, 0);
      put32(cd, offset);
      cd.insert(cd.end(), name.begin(), name.end());
    }
    Bytes file = body;
    file.insert(file.end(), cd.begin(), cd.end());
    put32(file, 0x06054b50);
    const auto n = static_cast<std::uint16_t>(count);
    for (std::uint16_t v : {std::uint16_t{0}, std::uint16_t{0}, n, n}) put16(file, v);
    put32(file, static_cast<std::uint32_t>(cd.size()));
    put32(file, static_cast<std::uint32_t>(body.size()));
    put16(file, 0);
    const ZipArchive a = read_zip(file);
    if (count == limits::kMaxZipEntries) {
      EXPECT_TRUE(a.ok()) << a.error;
      EXPECT_EQ(a.entries.size(), count);
    } else {
      EXPECT_EQ(a.error, "too many entries");
    }
  }
}

}  // namespace
}  // namespace sealcheck::ofd
