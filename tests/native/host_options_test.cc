// The options buffer the JavaScript host writes (sealcheck/host_options.h):
// read field by field, and refused whole when anything is out of shape.
#include "sealcheck/host_options.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace sealcheck {
namespace {

struct Writer {
  std::vector<std::uint8_t> out = std::vector<std::uint8_t>(kHostOptionsHeaderBytes, 0);
  std::vector<std::string> spans = std::vector<std::string>(8);
  double min_list = 0;
  std::uint32_t flags = 1, shard_index = 0;

  template <typename T>
  void put(std::size_t pos, T v) {
    std::memcpy(out.data() + pos, &v, sizeof v);
  }
  std::vector<std::uint8_t> build() {
    std::memcpy(out.data(), "SCO2", 4);
    put(4, flags);
    put(8, shard_index);
    put(12, min_list);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      put(20 + 8 * i, static_cast<std::uint32_t>(out.size()));
      put(24 + 8 * i, static_cast<std::uint32_t>(spans[i].size()));
      out.insert(out.end(), spans[i].begin(), spans[i].end());
    }
    return out;
  }
};

TEST(HostOptions, EveryFieldArrives) {
  Writer w;
  w.spans = {"a.pdf", "", "at=1748793600\nsm2_id=ALICE=1", "{}", "sig", "shard", "[]", "tsig"};
  w.flags = 2 | 4 | 8;  // no built-in trust
  w.shard_index = 7;
  w.min_list = 42;
  const auto o = parse_host_options(w.build());
  ASSERT_TRUE(o);
  EXPECT_EQ(o->file_name, "a.pdf");
  EXPECT_FALSE(o->builtin_trust);
  EXPECT_EQ(o->verify.validation_time, 1748793600);
  EXPECT_EQ(o->verify.sm2_id, "ALICE=1");  // the first "=" separates
  ASSERT_TRUE(o->verify.revocation);
  EXPECT_EQ(o->verify.revocation->min_list_number, 42u);
  EXPECT_EQ(o->verify.revocation->shards.at(7), std::vector<std::uint8_t>({'s', 'h', 'a', 'r', 'd'}));
  ASSERT_TRUE(o->verify.trust_list);
  EXPECT_EQ(o->verify.trust_list->signature, std::vector<std::uint8_t>({'t', 's', 'i', 'g'}));
  // Defaults where nothing is given: VerifyOptions' own.
  Writer d;
  const auto e = parse_host_options(d.build());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->file_name, "document.pdf");
  EXPECT_EQ(e->verify.sm2_id, "1234567812345678");
  EXPECT_EQ(e->verify.validation_time, 0);
  EXPECT_FALSE(e->verify.revocation);
}

TEST(HostOptions, OutOfShapeIsRefused) {
  std::string error;
  auto refused = [&](Writer w) { return !parse_host_options(w.build(), &error); };
  Writer w;
  auto b = w.build();
  b[0] = 'X';
  EXPECT_FALSE(parse_host_options(b, &error));
  EXPECT_FALSE(parse_host_options(std::vector<std::uint8_t>(10), &error));
  for (const char* named : {"at=1.5", "at=", "at=12x", "when=1", "at=1\nat=2", "sm2_id", "at=99999999999999999999"}) {
    Writer n;
    n.spans[2] = named;
    EXPECT_TRUE(refused(n)) << named;
  }
  Writer shard_alone;
  shard_alone.flags = 4;  // a shard without its list
  EXPECT_TRUE(refused(shard_alone));
  Writer big_index;
  big_index.flags = 2 | 4;
  big_index.shard_index = 256;
  EXPECT_TRUE(refused(big_index));
  Writer unknown_flag;
  unknown_flag.flags = 16;
  EXPECT_TRUE(refused(unknown_flag));
  Writer frac;
  frac.min_list = 0.5;
  EXPECT_TRUE(refused(frac));
  Writer span;
  auto s = span.build();
  const std::uint32_t past = static_cast<std::uint32_t>(s.size());
  std::memcpy(s.data() + 24, &past, 4);  // file name longer than the buffer
  EXPECT_FALSE(parse_host_options(s, &error));
  EXPECT_EQ(error, "options: bad span");
}

}  // namespace
}  // namespace sealcheck
