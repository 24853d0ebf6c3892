// The built-in trust list of this build (wasm/trust/builtin-anchors.pem
// unless -DSEALCHECK_BUILTIN_ANCHORS says otherwise): every certificate in
// the file must be compiled in; one that fails to parse must not vanish
// silently.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sealcheck/builtin_trust.h"
#include "sealcheck/certs.h"

namespace sealcheck {
namespace {

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

TEST(BuiltinTrust, EveryCertificateInTheFileIsCompiledIn) {
  const std::string_view pem = builtin_trust_anchors_pem();
  EXPECT_FALSE(pem.empty());  // the file's comments at least
  EXPECT_EQ(builtin_trust_anchors().size(), count(pem, "-----BEGIN CERTIFICATE-----"));
}

// The engine reads PEM itself (no OpenSSL PEM layer in wasm).
TEST(ParseCertificates, PemBlocksDerAndJunk) {
  std::ifstream in(std::filesystem::path(SEALCHECK_CORPUS_DIR) / "trust" / "root.pem");
  const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bytes = [](const std::string& s) { return std::vector<std::uint8_t>(s.begin(), s.end()); };
  const auto one = parse_certificates(bytes(pem));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0][0], 0x30);  // a DER SEQUENCE
  // Two blocks with text around them, CRLF line ends, and a bad block between.
  std::string crlf;
  for (const char c : pem) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::string mixed =
      "# comment\n" + pem + "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n" + crlf;
  const auto two = parse_certificates(bytes(mixed));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], two[1]);
  // DER as is; DER with trailing bytes, truncated DER and text: nothing.
  EXPECT_EQ(parse_certificates(one[0]), one);
  auto trailing = one[0];
  trailing.push_back(0);
  EXPECT_TRUE(parse_certificates(trailing).empty());
  EXPECT_TRUE(parse_certificates(std::span(one[0]).first(one[0].size() - 1)).empty());
  EXPECT_TRUE(parse_certificates(bytes("hello")).empty());
  // A PEM body with bad padding.
  const std::size_t eq = pem.find("-----END");
  EXPECT_TRUE(parse_certificates(bytes(pem.substr(0, eq - 1) + "A===\n" + pem.substr(eq))).empty());
}

}  // namespace
}  // namespace sealcheck
