// Certificate data read one way only: canonical numbers, clean display
// text, PDF text strings decoded as pdf.js decodes them, attachment
// filters, and name-tree lookups that refuse where readers could disagree.
// Inputs and expected values are written by hand.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "issuer/pdf_sign.h"
#include "pdf/attachments.h"
#include "pdf/filters.h"
#include "pdf/text_string.h"
#include "sealcheck/certificate.h"
#include "support/pdf_update.h"

namespace sealcheck {
namespace {

using testing::append_update;
using testing::stream_body;

TEST(CanonicalNumber, OnlyAsciiUpperCaseDigitsAndSingleHyphens) {
  for (const char* good : {"TEST-2020-0001", "0123456789", "A", "Z2015001100000123"}) {
    EXPECT_TRUE(is_canonical_number(good)) << good;
  }
  EXPECT_TRUE(is_canonical_number(std::string(64, '7')));
  for (const char* bad : {"", "TEST-2020-0001 ", " TEST", "TEST\xe3\x80\x80",  // ideographic space
                          "TEST\xe2\x80\x8b"
                          "1",  // zero-width space
                          "\xef\xbc\xb4"
                          "EST",  // full-width T
                          "\xd0\x90"
                          "BC",  // Cyrillic A
                          "test-1", "-A", "A-", "A--B", "A_B", "A/B", "A\tB"}) {
    EXPECT_FALSE(is_canonical_number(bad)) << bad;
  }
  EXPECT_FALSE(is_canonical_number(std::string(65, '7')));
}

TEST(CleanText, NoControlFormatOrInvisibleCharacters) {
  for (const char* good : {"张三", "买买提·艾力", "中国拍卖行业协会（测试 TEST）", "Zhang San", "一级建造师"}) {
    EXPECT_TRUE(is_clean_text(good)) << good;
  }
  EXPECT_TRUE(is_clean_text(""));
  for (const char* bad : {" 张三",
                          "张三 ",
                          "张  三",
                          "张\xe2\x80\x8b三",
                          "张\xe3\x80\x80三",
                          "\xe2\x80\xae张三",
                          "张三\xef\xbb\xbf",
                          "张\xc2\xa0三",
                          "张\x01三",
                          "张\x7f三",
                          "张\xc2\xad三",
                          "\xef\xbf\xbd",
                          "\xee\x80\x80",
                          "三\xef\xb8\x8f",
                          "\xff\xfe",
                          "\xe5\xbc",
                          "\xed\xa0\x80",
                          "\xc0\xaf",
                          "\xe3\x85\xa4",
                          "\xf3\xa0\x80\x81"}) {
    EXPECT_FALSE(is_clean_text(bad)) << bad;
  }
}

CertificateDocument sample() {
  CertificateDocument d;
  d.certificate = {"TEST-2020-0001", "M-0001", "张三", "男",         "居民身份证", "1101**********1234",
                   "拍卖师",         "",       "",     "2020-04-01", "2020-05-01", "中国拍卖行业协会"};
  return d;
}

TEST(CertificateJson, NamesTheProblemWithItsCode) {
  Code code = Code::kOk;
  std::string error;
  EXPECT_TRUE(parse_certificate_document(to_json(sample()), &error, &code));
  CertificateDocument d = sample();
  d.certificate.number = "TEST-2020-0001\xe2\x80\x8b";
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateNumberMalformed);
  d = sample();
  d.certificate.management_number = "m-0001";
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateNumberMalformed);
  d = sample();
  d.certificate.management_number = "";  // optional
  EXPECT_TRUE(parse_certificate_document(to_json(d), &error, &code));
  d = sample();
  d.certificate.holder = "张三\xe2\x80\x8b";
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateTextMalformed);
  d = sample();
  d.certificate.issuing_body = "中国拍卖行业协会\xe3\x80\x80";
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateTextMalformed);
  d = sample();
  d.certificate.id_number = "1101 1234";
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateTextMalformed);
  d = sample();
  d.annotation = Annotation{"本人调用\xe2\x80\x8c", "2025-01-01", "2025-01-31", "2025-01-01"};
  EXPECT_FALSE(parse_certificate_document(to_json(d), &error, &code));
  EXPECT_EQ(code, Code::kCertificateTextMalformed);
  EXPECT_FALSE(parse_certificate_document("{}", &error, &code));
  EXPECT_EQ(code, Code::kCertificateDataMalformed);
  // The issuer's input is held to the same rules.
  d = sample();
  d.certificate.number = "TEST 1";
  const std::string input = to_json(d);
  const std::string fields = input.substr(input.find("\"certificate\":") + 14);
  EXPECT_FALSE(parse_certificate_input(fields.substr(0, fields.rfind('}')), &error, &code));
  EXPECT_EQ(code, Code::kCertificateNumberMalformed);
}

TEST(TextString, DecodedAsPdfJsDecodesThem) {
  using pdf::decode_text_string;
  EXPECT_EQ(decode_text_string("abc").utf8, "abc");
  EXPECT_TRUE(decode_text_string("abc").exact);
  EXPECT_EQ(decode_text_string(std::string("\xfe\xff\x00\x61\x00\x62", 6)).utf8, "ab");
  EXPECT_EQ(decode_text_string(std::string("\xff\xfe\x61\x00\x62\x00", 6)).utf8, "ab");
  EXPECT_EQ(decode_text_string("\xef\xbb\xbf\xe5\xbc\xa0").utf8, "张");
  EXPECT_EQ(decode_text_string(std::string("\xfe\xff\x5f\x20", 4)).utf8, "张");
  EXPECT_EQ(decode_text_string(std::string("\xfe\xff\xd8\x3d\xde\x00", 6)).utf8, "\xf0\x9f\x98\x80");  // U+1F600
  // PDFDocEncoding's own characters.
  EXPECT_EQ(decode_text_string("\x80").utf8, "\xe2\x80\xa2");  // bullet
  EXPECT_EQ(decode_text_string("\xa0").utf8, "\xe2\x82\xac");  // euro
  EXPECT_EQ(decode_text_string("\x18").utf8, "\xcb\x98");      // breve
  EXPECT_EQ(decode_text_string("\xe9").utf8, "\xc3\xa9");      // Latin-1 e acute
  // Repaired by pdf.js: an odd byte dropped, undecodable data read as
  // PDFDocEncoding. Both are marked inexact.
  const auto odd = decode_text_string(std::string("\xfe\xff\x00\x61\x00", 5));
  EXPECT_EQ(odd.utf8, "a");
  EXPECT_FALSE(odd.exact);
  const auto lone = decode_text_string(std::string("\xfe\xff\xdc\x00", 4));
  EXPECT_FALSE(lone.exact);
  EXPECT_FALSE(decode_text_string("\xef\xbb\xbf\xff").exact);
}

// A sample PDF whose catalog gains an /EmbeddedFiles tree from `objects`
// (the tree's root is object 10).
std::vector<std::uint8_t> with_tree(std::map<std::uint32_t, std::string> objects) {
  objects[1] = "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 10 0 R >> >>";
  return append_update(issuer::make_unsigned_sample("attachments"), objects);
}

pdf::AttachmentLookup lookup(const std::vector<std::uint8_t>& file) {
  pdf::Document doc = pdf::Document::load(file);
  EXPECT_TRUE(doc.usable());
  return pdf::find_attachment(doc, "data.json");
}

const std::string kSpec = "<< /Type /Filespec /F (data.json) /EF << /F 12 0 R >> >>";
const std::string kUtf16Name = std::string("<FEFF0064006100740061002E006A0073006F006E>");

TEST(Attachments, ByDecodedName) {
  using S = pdf::AttachmentLookup::Status;
  auto r = lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"}, {11, kSpec}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);
  EXPECT_EQ(std::string(r.bytes.begin(), r.bytes.end()), "{}");
  // UTF-16BE, as pdf-lib's attach() writes the key.
  r = lookup(with_tree({{10, "<< /Names [" + kUtf16Name + " 11 0 R] >>"}, {11, kSpec}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);
  // Other names do not count.
  r = lookup(with_tree({{10, "<< /Names [(other.json) 11 0 R] >>"}, {11, kSpec}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kAbsent);
  // The same decoded name twice, spelt two ways: refused.
  r = lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R " + kUtf16Name + " 13 0 R] >>"},
                        {11, kSpec},
                        {12, stream_body("{}")},
                        {13, "<< /Type /Filespec /EF << /F 14 0 R >> >>"},
                        {14, stream_body("{\"x\":1}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
  // A UTF-16 name of odd length that pdf.js repairs into the name.
  r = lookup(with_tree({{10, "<< /Names [<FEFF0064006100740061002E006A0073006F006E00> 11 0 R] >>"},
                        {11, kSpec},
                        {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
}

TEST(Attachments, TreeShapesPdfJsReadsOtherwise) {
  using S = pdf::AttachmentLookup::Status;
  // Kids and Names in one node: pdf.js reads the kids only.
  auto r = lookup(with_tree({{10, "<< /Kids [13 0 R] /Names [(data.json) 11 0 R] >>"},
                             {13, "<< /Names [(other) 11 0 R] >>"},
                             {11, kSpec},
                             {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
  r = lookup(with_tree(
      {{10, "<< /Kids [13 0 R] >>"}, {13, "<< /Names [(data.json) 11 0 R] >>"}, {11, kSpec}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);
  // A kid listed twice.
  r = lookup(with_tree({{10, "<< /Kids [13 0 R 13 0 R] >>"},
                        {13, "<< /Names [(data.json) 11 0 R] >>"},
                        {11, kSpec},
                        {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
  // A repeated key in a node or in the file specification.
  r = lookup(
      with_tree({{10, "<< /Names [(x) 11 0 R] /Names [(data.json) 11 0 R] >>"}, {11, kSpec}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
  r = lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"},
                        {11, "<< /EF << /F 12 0 R >> /EF << /F 13 0 R >> >>"},
                        {12, stream_body("{}")},
                        {13, stream_body("[]")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
}

TEST(Attachments, EveryStreamTheSpecificationNamesMustAgree) {
  using S = pdf::AttachmentLookup::Status;
  auto spec = [](const std::string& ef) { return "<< /Type /Filespec /EF << " + ef + " >> >>"; };
  auto r = lookup(with_tree(
      {{10, "<< /Names [(data.json) 11 0 R] >>"}, {11, spec("/F 12 0 R /UF 12 0 R")}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);
  r = lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"},
                        {11, spec("/F 12 0 R /UF 13 0 R")},
                        {12, stream_body("{}")},
                        {13, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);  // two objects, the same bytes: one reading
  r = lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"},
                        {11, spec("/F 12 0 R /UF 13 0 R")},
                        {12, stream_body("{}")},
                        {13, stream_body("{\"holder\":\"x\"}")}}));
  EXPECT_EQ(r.status, S::kAmbiguous);
  r = lookup(
      with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"}, {11, spec("/DOS 12 0 R")}, {12, stream_body("{}")}}));
  EXPECT_EQ(r.status, S::kFound);
}

TEST(Attachments, FiltersAndChains) {
  using S = pdf::AttachmentLookup::Status;
  auto with_stream = [](const std::string& stream) {
    return lookup(with_tree({{10, "<< /Names [(data.json) 11 0 R] >>"}, {11, kSpec}, {12, stream}}));
  };
  auto text = [](const pdf::AttachmentLookup& r) { return std::string(r.bytes.begin(), r.bytes.end()); };
  // "Hello" in hex, with white space and an odd final digit (0x40 = '@').
  auto r = with_stream(stream_body("48 65 6c\n6C 6f 4>", "/Filter /ASCIIHexDecode"));
  EXPECT_EQ(r.status, S::kFound);
  EXPECT_EQ(text(r), "Hello@");
  // The classic ASCII85 example, and "z" for four zero bytes.
  r = with_stream(stream_body("9jqo^BlbD-BleB1DJ+*+F(f,q~>", "/Filter /A85"));
  EXPECT_EQ(text(r), "Man is distinguished");
  r = with_stream(stream_body("z~>", "/Filter /ASCII85Decode"));
  EXPECT_EQ(text(r), std::string(4, '\0'));
  // A chain: ASCII85 outside, Flate inside.
  const std::string json = "{\"format\":\"x\"}";
  const std::string a85 = testing::ascii85(testing::deflate(json));
  r = with_stream(stream_body(a85, "/Filter [/ASCII85Decode /FlateDecode]"));
  EXPECT_EQ(r.status, S::kFound);
  EXPECT_EQ(text(r), json);
  r = with_stream(stream_body("x", "/Filter /LZWDecode"));
  EXPECT_EQ(r.status, S::kUnsupportedEncoding);
  r = with_stream(stream_body("x", "/Filter [/AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx /AHx]"));
  EXPECT_EQ(r.status, S::kUnreadable);
  r = with_stream(stream_body("9jqo^!", "/Filter /ASCII85Decode"));  // "!" alone at the end: one char, no byte
  EXPECT_EQ(r.status, S::kUnreadable);
}

}  // namespace
}  // namespace sealcheck
