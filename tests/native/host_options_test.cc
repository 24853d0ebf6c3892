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
  double at = 1748793600, min_list = 0;
  std::uint32_t flags = 1, shard_index = 0;

  template <typename T>
  void put(std::size_t pos, T v) {
    std::memcpy(out.data() + pos, &v, sizeof v);
  }
  std::vector<std::uint8_t> build() {
    std::memcpy(out.data(), "SCO1", 4);
    put(4, at);
    put(12, flags);
    put(16, shard_index);
    put(20, min_list);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      put(28 + 8 * i, static_cast<std::uint32_t>(out.size()));
      put(32 + 8 * i, static_cast<std::uint32_t>(spans[i].size()));
      out.insert(out.end(), spans[i].begin(), spans[i].end());
    }
    return out;
  }
};

TEST(HostOptions, EveryFieldArrives) {
  Writer w;
  w.spans = {"a.pdf", "", "ALICE", "{}", "sig", "shard", "[]", "tsig"};
  w.flags = 2 | 4 | 8;  // no built-in trust
  w.shard_index = 7;
  w.min_list = 42;
  const auto o = parse_host_options(w.build());
  ASSERT_TRUE(o);
  EXPECT_EQ(o->file_name, "a.pdf");
  EXPECT_FALSE(o->builtin_trust);
  EXPECT_EQ(o->verify.validation_time, 1748793600);
  EXPECT_EQ(o->verify.sm2_id, "ALICE");
  ASSERT_TRUE(o->verify.revocation);
  EXPECT_EQ(o->verify.revocation->min_list_number, 42u);
  EXPECT_EQ(o->verify.revocation->shards.at(7), std::vector<std::uint8_t>({'s', 'h', 'a', 'r', 'd'}));
  ASSERT_TRUE(o->verify.trust_list);
  EXPECT_EQ(o->verify.trust_list->signature, std::vector<std::uint8_t>({'t', 's', 'i', 'g'}));
  // Defaults where nothing is given.
  Writer d;
  const auto e = parse_host_options(d.build());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->file_name, "document.pdf");
  EXPECT_EQ(e->verify.sm2_id, "1234567812345678");
  EXPECT_FALSE(e->verify.revocation);
}

TEST(HostOptions, OutOfShapeIsRefused) {
  std::string error;
  Writer w;
  auto b = w.build();
  b[0] = 'X';
  EXPECT_FALSE(parse_host_options(b, &error));
  EXPECT_FALSE(parse_host_options(std::vector<std::uint8_t>(10), &error));
  Writer frac;
  frac.at = 1.5;
  EXPECT_FALSE(parse_host_options(frac.build(), &error));
  Writer shard_alone;
  shard_alone.flags = 4;  // a shard without its list
  EXPECT_FALSE(parse_host_options(shard_alone.build(), &error));
  Writer big_index;
  big_index.flags = 2 | 4;
  big_index.shard_index = 256;
  EXPECT_FALSE(parse_host_options(big_index.build(), &error));
  Writer unknown_flag;
  unknown_flag.flags = 16;
  EXPECT_FALSE(parse_host_options(unknown_flag.build(), &error));
  Writer span;
  auto s = span.build();
  const std::uint32_t past = static_cast<std::uint32_t>(s.size());
  std::memcpy(s.data() + 32, &past, 4);  // file name longer than the buffer
  EXPECT_FALSE(parse_host_options(s, &error));
  EXPECT_EQ(error, "options: bad span");
}

}  // namespace
}  // namespace sealcheck
