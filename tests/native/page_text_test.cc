// The page-text reader on hand-built PDFs: each test writes the content
// stream and fonts the way a kind of writer does, and states by hand what
// a person reads on the page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdf/document.h"
#include "sealcheck/builtin_tables.h"
#include "sealcheck/limits.h"
#include "support/plain_pdf.h"
#include "text/cmap.h"
#include "text/content.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/page_certificate.h"

namespace sealcheck::text {
namespace {

// UTF-16BE hex of a UTF-8 string (ToUnicode destinations, UCS-2 codes).
std::string utf16_hex(std::string_view utf8) {
  static const char* d = "0123456789ABCDEF";
  std::string out;
  for (const char32_t c : decode_utf8(utf8)) {
    auto unit = [&](unsigned u) {
      for (int k = 12; k >= 0; k -= 4) out.push_back(d[u >> k & 0xf]);
    };
    if (c >= 0x10000) {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3ff));
    } else {
      unit(static_cast<unsigned>(c));
    }
  }
  return out;
}

// A one-page PDF: fonts F1.. as given, one content stream, optional extra
// objects referenced by the resources.
struct Builder {
  std::vector<std::string> objects;  // bodies, object n at [n - 1]
  std::string fonts, xobjects;
  int add(std::string body) {
    objects.push_back(std::move(body));
    return static_cast<int>(objects.size());
  }
  static std::string stream(const std::string& data, const std::string& extra = "") {
    return "<< /Length " + std::to_string(data.size()) + extra + " >>\nstream\n" + data + "\nendstream";
  }
  void font(const std::string& name, const std::string& body) {
    fonts += "/" + name + " " + std::to_string(add(body)) + " 0 R ";
  }
  std::vector<std::uint8_t> build(const std::string& content, const std::string& page_extra = "") {
    const int c = add(stream(content));
    const int page =
        add("<< /Type /Page /Parent 0 0 R /MediaBox [0 0 595 842] /Contents " + std::to_string(c) +
            " 0 R /Resources << /Font << " + fonts + ">> /XObject << " + xobjects + ">> >>" + page_extra + " >>");
    const int pages = add("<< /Type /Pages /Kids [" + std::to_string(page) + " 0 R] /Count 1 >>");
    objects[page - 1].replace(objects[page - 1].find("/Parent 0 0 R"), 13, "/Parent " + std::to_string(pages) + " 0 R");
    const int root = add("<< /Type /Catalog /Pages " + std::to_string(pages) + " 0 R >>");
    const std::string pdf = testing::plain_pdf(objects, root);
    return {pdf.begin(), pdf.end()};
  }
};

// A Type0 font with Identity-H whose ToUnicode maps glyph ids 1.. to the
// characters of `alphabet`, in order (cairo, Skia and LibreOffice's shape).
struct IdentityFont {
  std::u32string alphabet;
  std::string to_unicode_entries(bool kangxi_for_ren = false) const {
    std::string e;
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
      char code[8];
      std::snprintf(code, sizeof code, "%04zX", i + 1);
      std::u32string one(1, alphabet[i]);
      if (kangxi_for_ren && alphabet[i] == U'人') one = U"\u2F08";
      if (kangxi_for_ren && alphabet[i] == U'民') one = U"\u2EA0";
      e += std::string("<") + code + "> <" + utf16_hex(encode_utf8(one)) + ">\n";
    }
    return e;
  }
  void add_to(Builder& b, const std::string& name, bool kangxi = false) const {
    const std::string cmap =
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
        std::to_string(alphabet.size()) + " beginbfchar\n" + to_unicode_entries(kangxi) +
        "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end";
    const int tu = b.add(Builder::stream(cmap));
    const int cid = b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+NotoSansCJK /DW 1000 >>");
    b.font(name,
           "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+NotoSansCJK /Encoding /Identity-H "
           "/DescendantFonts [" +
               std::to_string(cid) + " 0 R] /ToUnicode " + std::to_string(tu) + " 0 R >>");
  }
  // The hex string showing `text` (each character's glyph id).
  std::string show(std::string_view utf8) const {
    std::string out = "<";
    for (const char32_t c : decode_utf8(utf8)) {
      const std::size_t i = alphabet.find(c);
      char code[8];
      std::snprintf(code, sizeof code, "%04zX", i == std::u32string::npos ? 0 : i + 1);
      out += code;
    }
    return out + ">";
  }
};

PageCertificate read(const std::vector<std::uint8_t>& pdf) {
  pdf::Document doc = pdf::Document::load(pdf);
  EXPECT_TRUE(doc.usable());
  return read_page_certificate(doc, Tables{});
}

std::string field(const PageCertificate& p, std::string CertificateData::*m) { return p.document.certificate.*m; }

const std::u32string kAlphabet =
    U"姓名性别证件类型号码资格名称级专业批准日期签发管理书编颁单位使用场景加注有效至申请张三男居民身份一建造师中华人民"
    U"共和国力源社会保障部0123456789-：*年月日本调用测试X协拍卖行TABCDEFGHIJKLMNOPQRSUVWYZ李四王五赵六钱七孙八 ";

std::string standard_page(const IdentityFont& f, const std::string& extra_lines = "") {
  auto line = [&](double y, const std::string& label, const std::string& value) {
    return "BT /F1 12 Tf 1 0 0 1 72 " + std::to_string(y) + " Tm " + f.show(label) + " Tj ET\n" +
           "BT /F1 14 Tf 1 0 0 1 180 " + std::to_string(y) + " Tm " + f.show(value) + " Tj ET\n";
  };
  return line(760, "姓名", "张三") + line(730, "性别", "男") + line(700, "证件号码", "1101**********1234") +
         line(670, "资格名称", "一级建造师") + line(640, "签发日期", "2020年05月08日") +
         line(610, "证书编号", "T-2020-0001") + line(580, "颁发单位", "中华人民共和国人力资源和社会保障部") +
         extra_lines;
}

TEST(PageText, IdentityFontWithToUnicodeYieldsEveryLabelledField) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const PageCertificate p = read(b.build(standard_page(f)));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::gender), "男");
  EXPECT_EQ(field(p, &CertificateData::id_number), "1101**********1234");
  EXPECT_EQ(field(p, &CertificateData::qualification), "一级建造师");
  EXPECT_EQ(field(p, &CertificateData::issue_date), "2020-05-08");
  EXPECT_EQ(field(p, &CertificateData::number), "T-2020-0001");
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中华人民共和国人力资源和社会保障部");
  EXPECT_FALSE(p.annotation);
  ASSERT_GE(p.lines.size(), 7u);
  EXPECT_EQ(p.lines[0], "姓名 张三");
}

TEST(PageText, RadicalCodePointsFoldToTheIdeographsTheyStandFor) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1", /*kangxi=*/true);
  const PageCertificate p = read(b.build(standard_page(f)));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中华人民共和国人力资源和社会保障部");
}

TEST(PageText, AnnotationInABoxAndOnOneLine) {
  const IdentityFont f{kAlphabet};
  {
    Builder b;
    f.add_to(b, "F1");
    const std::string box = "BT /F1 12 Tf 1 0 0 1 72 500 Tm " + f.show("使用场景：本人调用") + " Tj ET\n" +
                            "BT /F1 12 Tf 1 0 0 1 72 480 Tm " + f.show("加注有效期：2025-05-01至2025-07-29") +
                            " Tj ET\nBT /F1 9 Tf 1 0 0 1 400 520 Tm " + f.show("申请日期 2025-05-01") + " Tj ET\n";
    const PageCertificate p = read(b.build(standard_page(f, box)));
    ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
    ASSERT_TRUE(p.document.annotation);
    EXPECT_EQ(p.document.annotation->scenario, "本人调用");
    EXPECT_EQ(p.document.annotation->not_before, "2025-05-01");
    EXPECT_EQ(p.document.annotation->not_after, "2025-07-29");
    EXPECT_EQ(p.document.annotation->applied_on, "2025-05-01");
  }
  {
    Builder b;
    f.add_to(b, "F1");
    // One line, label and value runs apart, and only the end printed.
    const std::string one = "BT /F1 10 Tf 1 0 0 1 72 500 Tm " + f.show("使用场景：本人调用") + " Tj 150 0 Td " +
                            f.show("有效期至2025年07月29日") + " Tj ET\n";
    const PageCertificate p = read(b.build(standard_page(f, one)));
    ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
    ASSERT_TRUE(p.document.annotation);
    EXPECT_EQ(p.document.annotation->not_before, "");
    EXPECT_EQ(p.document.annotation->not_after, "2025-07-29");
  }
}

TEST(PageText, PredefinedUcs2CMapWithoutToUnicode) {
  // ReportLab's and iText's non-embedded STSong-Light: codes are UCS-2.
  Builder b;
  b.font("F1",
         "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< "
         "/Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering "
         "(GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >>");
  auto show = [](std::string_view s) { return "<" + utf16_hex(s) + ">"; };
  std::string c;
  const char* rows[][2] = {{"姓名：", "张三"},
                           {"证书编号：", "T-2020-0001"},
                           {"资格名称：", "拍卖师"},
                           {"签发日期：", "2020.05.08"},
                           {"发证机关：", "中国拍卖行业协会"}};
  double y = 760;
  for (const auto& r : rows) {
    c += "BT /F1 12 Tf 72 " + std::to_string(y) + " Td " + show(r[0]) + " Tj " + show(r[1]) + " Tj ET\n";
    y -= 24;
  }
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::issue_date), "2020-05-08");
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中国拍卖行业协会");
  EXPECT_EQ(field(p, &CertificateData::number), "T-2020-0001");
}

TEST(PageText, PredefinedUtf16CMapAndType3Fonts) {
  Builder b;
  // UniGB-UTF16-H: UTF-16BE codes, surrogate pairs included (𠀀 U+20000).
  b.font("F1",
         "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts "
         "[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>");
  // Chromium's shape: a Type 3 font, glyph space 1/1000, text by ToUnicode.
  const int tu =
      b.add(Builder::stream("1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfchar <01> <8BC1> "
                            "<02> <4E66> <03> <53F7> endbfchar"));
  b.font("F2",
         "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
         "/CharProcs << >> /Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3] >> /FirstChar 1 /LastChar 3 "
         "/Widths [1000 1000 1000] /ToUnicode " +
             std::to_string(tu) + " 0 R >>");
  auto utf16 = [](std::string_view s) { return "<" + utf16_hex(s) + ">"; };
  const std::string c = "BT /F1 12 Tf 72 760 Td " + utf16("姓名：张𠀀") + " Tj ET\n" +
                        // 证书号 (3 glyphs of the Type 3 font), then the value in the UTF-16 font.
                        "BT /F2 12 Tf 72 736 Td <010203> Tj /F1 12 Tf 40 0 Td " + utf16("：T-3") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张\U00020000");
  EXPECT_EQ(field(p, &CertificateData::number), "T-3");
}

TEST(PageText, GbkCodesAreReadWithTheTableAndNamedWithoutIt) {
  // Ghostscript's and Java report engines' shape: GBK-EUC-H, no ToUnicode.
  Builder b;
  b.font("F1",
         "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-GBK-EUC-H /Encoding /GBK-EUC-H "
         "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>");
  // 姓名：张三 and 证书编号：T-1 in GBK.
  const auto pdf = b.build(
      "BT /F1 12 Tf 72 760 Td <D0D5C3FBA3BAD5C5C8FD> Tj ET\n"
      "BT /F1 12 Tf 72 736 Td <D6A4CAE9B1E0BAC5A3BA542D31> Tj ET\n");
  pdf::Document doc = pdf::Document::load(pdf);
  const PageCertificate without = read_page_certificate(doc, Tables{});
  EXPECT_TRUE(without.needs_gbk);
  EXPECT_EQ(without.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(without.code, Code::kPageTextNeedsTable);
  const PageCertificate with = read_page_certificate(doc, Tables{builtin_gbk_table()});
  ASSERT_EQ(with.outcome, PageCertificate::Outcome::kRead) << with.detail;
  EXPECT_FALSE(with.needs_gbk);
  EXPECT_EQ(field(with, &CertificateData::holder), "张三");
  EXPECT_EQ(field(with, &CertificateData::number), "T-1");
}

TEST(PageText, SimpleFontsWinAnsiDifferencesAndToUnicodeWins) {
  Builder b;
  // Latin text in a standard font: WinAnsi.
  b.font("F1", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  // LibreOffice's shape: a TrueType subset declared WinAnsi whose codes
  // 1.. draw CJK glyphs; only ToUnicode says which.
  const std::string tu =
      "1 begincodespacerange <00> <FF> endcodespacerange\n3 beginbfchar\n<01> <59D3>\n<02> "
      "<540D>\n<41> <5F20>\nendbfchar";
  const int tun = b.add(Builder::stream(tu));
  b.font("F2",
         "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+NotoSerifCJK /Encoding /WinAnsiEncoding "
         "/FirstChar 1 /LastChar 65 /Widths [1000 1000] /ToUnicode " +
             std::to_string(tun) + " 0 R >>");
  // Differences with AGL and uniXXXX names.
  b.font("F3",
         "<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Type /Encoding /Differences [65 /uni4E09 "
         "/zero /hyphen] >> >>");
  const std::string c =
      "BT /F2 12 Tf 72 760 Td <0102> Tj /F2 12 Tf 100 0 Td <41> Tj /F3 12 Tf <41> Tj ET\n"
      "BT /F1 10 Tf 72 700 Td (Certificate No. 2020-0001) Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");  // 0x41 is "张" by ToUnicode, not "A"
  EXPECT_EQ(p.lines.at(1), "Certificate No. 2020-0001");
}

TEST(PageText, FlippedYAxisAndScaledPageReadUpright) {
  // Skia's habit: the page flipped to y down, text matrices flipped back.
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const std::string c =
      "1 0 0 -1 0 842 cm 0.75 0 0 0.75 0 0 cm\n"
      "BT /F1 16 Tf 1 0 0 -1 96 100 Tm " +
      f.show("姓名") + " Tj 1 0 0 -1 240 100 Tm " + f.show("张三") + " Tj ET\n" + "BT /F1 16 Tf 1 0 0 -1 96 140 Tm " +
      f.show("证书编号") + " Tj 1 0 0 -1 240 140 Tm " + f.show("T-1") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::number), "T-1");
  EXPECT_EQ(p.lines.at(0), "姓名 张三");  // top line first
}

TEST(PageText, SpreadLabelsWithoutSpacesAndDatesInSeparateRuns) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  // 姓 and 名 placed 3 em apart with no space character; a date written as
  // separate Latin and CJK runs with gaps; full-width digits.
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 760 Tm " + f.show("姓") + " Tj 1 0 0 1 108 760 Tm " + f.show("名") +
                        " Tj 1 0 0 1 180 760 Tm " + f.show("张三") + " Tj ET\n" + "BT /F1 12 Tf 1 0 0 1 72 730 Tm " +
                        f.show("签发日期") + " Tj 1 0 0 1 180 730 Tm " + f.show("2023") + " Tj 1 0 0 1 232 730 Tm " +
                        f.show("年") + " Tj 1 0 0 1 248 730 Tm " + f.show("06") + " Tj 1 0 0 1 276 730 Tm " +
                        f.show("月") + " Tj 1 0 0 1 292 730 Tm " + f.show("10") + " Tj 1 0 0 1 320 730 Tm " +
                        f.show("日") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::issue_date), "2023-06-10");
}

TEST(PageText, LabelsAboveTheirValues) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  // A row of labels over a row of values, and a label standing alone.
  const std::string c = "BT /F1 10 Tf 1 0 0 1 72 760 Tm " + f.show("姓名") + " Tj 1 0 0 1 250 760 Tm " +
                        f.show("证书编号") + " Tj ET\nBT /F1 14 Tf 1 0 0 1 72 742 Tm " + f.show("张三") +
                        " Tj 1 0 0 1 250 742 Tm " + f.show("T-7") + " Tj ET\n" + "BT /F1 10 Tf 1 0 0 1 72 700 Tm " +
                        f.show("颁发单位") + " Tj ET\nBT /F1 14 Tf 1 0 0 1 72 682 Tm " + f.show("中国拍卖行业协会") +
                        " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::number), "T-7");
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中国拍卖行业协会");
}

TEST(PageText, WhatNobodySeesIsNotRead) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const std::string hidden =
      // invisible render mode
      "BT 3 Tr /F1 12 Tf 1 0 0 1 72 400 Tm " + f.show("姓名：李四") + " Tj ET\n" +
      // a rotated watermark
      "BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 100 100 Tm " + f.show("姓名：王五") + " Tj ET\n" +
      // outside the page
      "BT /F1 12 Tf 1 0 0 1 900 300 Tm " + f.show("姓名：赵六") + " Tj ET\n" +
      // too small to see
      "BT /F1 0.2 Tf 1 0 0 1 72 300 Tm " + f.show("姓名：钱七") + " Tj ET\n" +
      // in an optional-content layer
      "/OC /L1 BDC BT /F1 12 Tf 1 0 0 1 72 200 Tm " + f.show("姓名：孙八") + " Tj ET EMC\n";
  const PageCertificate p = read(b.build(standard_page(f, hidden)));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
}

TEST(PageText, BilingualLabelsSkipTheirEnglishGloss) {
  Builder b;
  const IdentityFont f{kAlphabet + U"acdefghijklmnopqrstuvwxyz./()管理号"};
  f.add_to(b, "F1");
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 760 Tm " + f.show("姓名 Name") + " Tj 1 0 0 1 200 760 Tm " +
                        f.show("张三") + " Tj ET\nBT /F1 12 Tf 1 0 0 1 72 736 Tm " +
                        f.show("证书编号/Certificate No.：T-2020-0001") + " Tj ET\nBT /F1 12 Tf 1 0 0 1 72 712 Tm " +
                        f.show("级别(Level) ") + " Tj 1 0 0 1 200 712 Tm " + f.show("Senior") + " Tj ET\n" +
                        "BT /F1 12 Tf 1 0 0 1 72 688 Tm " + f.show("Gender/性别：男") + " Tj ET\n" +
                        "BT /F1 12 Tf 1 0 0 1 72 664 Tm " + f.show("管理号 No.TYPESET-M-1") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::number), "T-2020-0001");
  EXPECT_EQ(field(p, &CertificateData::level), "Senior");  // an English value is not a gloss
  EXPECT_EQ(field(p, &CertificateData::gender), "男");     // English first, then the label
  EXPECT_EQ(field(p, &CertificateData::management_number), "TYPESET-M-1");
}

TEST(PageText, AValidityWithoutScenarioIsTheQualificationsNotAnAnnotation) {
  Builder b;
  const IdentityFont f{kAlphabet + U"长期"};
  f.add_to(b, "F1");
  // A certificate printing its own 有效期 (no 使用场景): no annotation.
  const std::string own = "BT /F1 12 Tf 1 0 0 1 72 500 Tm " + f.show("有效期：长期") + " Tj ET\n";
  const PageCertificate p = read(b.build(standard_page(f, own)));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_FALSE(p.annotation);
  // 加注有效期 without a scenario is an incomplete annotation.
  Builder b2;
  f.add_to(b2, "F1");
  const PageCertificate q = read(b2.build(
      standard_page(f, "BT /F1 12 Tf 1 0 0 1 72 500 Tm " + f.show("加注有效期：2025-05-01至2025-07-29") + " Tj ET\n")));
  EXPECT_EQ(q.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(q.code, Code::kAnnotationTextIncomplete);
}

TEST(PageText, AnIdentityNumberPrintedInFullIsHeldAndShownMasked) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  std::string page = standard_page(f);
  page.replace(page.find(f.show("1101**********1234")), f.show("1101**********1234").size(),
               f.show("110101199003071234"));
  const PageCertificate p = read(b.build(page));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::id_number), "1101**********1234");
  for (const std::string& line : p.lines) EXPECT_EQ(line.find("110101199003071234"), std::string::npos) << line;
  EXPECT_EQ(p.lines.at(2), "证件号码 1101**********1234");
}

TEST(PageText, ShownLinesCarryNoControlOrBidiCharacters) {
  Builder b;
  const IdentityFont f{kAlphabet + U"\u202E\u200B"};
  f.add_to(b, "F1");
  const PageCertificate p =
      read(b.build("BT /F1 12 Tf 1 0 0 1 72 700 Tm " + f.show("本\u202E证\u200B书") + " Tj ET\n"));
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0], "本\uFFFD证 书");  // a zero-width space is a space to the layout
}

TEST(PageText, VerticalTextIsReadAsColumns) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  // The same Identity font declared -V: each column top to bottom.
  std::string& font = b.objects.back();
  font.replace(font.find("Identity-H"), 10, "Identity-V");
  const std::string c = "BT /F1 12 Tf 1 0 0 1 500 780 Tm " + f.show("姓名：张三") + " Tj ET\n" +
                        "BT /F1 12 Tf 1 0 0 1 470 780 Tm " + f.show("证书编号：T-1") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  EXPECT_EQ(field(p, &CertificateData::number), "T-1");
}

TEST(PageText, AValueWrappedInItsCellGoesOnAtTheSameEdge) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  // 颁发单位 in a narrow cell: the name wraps; a note below starts at the
  // margin and is not part of it.
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 600 Tm " + f.show("颁发单位") + " Tj 1 0 0 1 180 600 Tm " +
                        f.show("中华人民共和国人力资源") + " Tj 1 0 0 1 180 585 Tm " + f.show("和社会保障部") +
                        " Tj ET\nBT /F1 12 Tf 1 0 0 1 72 570 Tm " + f.show("本证书测试用") + " Tj ET\n" +
                        "BT /F1 12 Tf 1 0 0 1 72 700 Tm " + f.show("姓名") + " Tj 1 0 0 1 180 700 Tm " +
                        f.show("张三") + " Tj ET\nBT /F1 12 Tf 1 0 0 1 72 686 Tm " + f.show("本证书测试用") +
                        " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中华人民共和国人力资源和社会保障部");
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
}

TEST(PageText, AFilledInFormShowsItsValuesInWidgetAppearances) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const std::string fonts = "<< /Font << " + b.fonts + ">> >>";
  // The value's appearance: a form whose BBox maps onto the widget's Rect.
  const int ap = b.add(Builder::stream("BT /F1 10 Tf 2 3 Td " + f.show("张三") + " Tj ET",
                                       " /Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources " + fonts));
  const int hidden_ap = b.add(Builder::stream("BT /F1 10 Tf 2 3 Td " + f.show("李四") + " Tj ET",
                                              " /Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources " + fonts));
  const int w1 = b.add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (holder) /Rect [180 755 280 775] /AP << /N " +
                       std::to_string(ap) + " 0 R >> >>");
  const int w2 = b.add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (old) /F 2 /Rect [180 700 280 720] /AP << /N " +
                       std::to_string(hidden_ap) + " 0 R >> >>");
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 760 Tm " + f.show("姓名") + " Tj ET\n";
  const PageCertificate p =
      read(b.build(c, " /Annots [" + std::to_string(w1) + " 0 R " + std::to_string(w2) + " 0 R]"));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0], "姓名 张三");
}

TEST(PageText, AnAnnotationPrintedAsASentence) {
  Builder b;
  const IdentityFont f{kAlphabet + U"为，。从自"};
  f.add_to(b, "F1");
  const std::string sentence = "BT /F1 11 Tf 1 0 0 1 72 500 Tm " +
                               f.show("本证书加注使用场景为本人调用，加注有效期自2025年5月1日至2025年7月29日。") +
                               " Tj ET\n";
  const PageCertificate p = read(b.build(standard_page(f, sentence)));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  ASSERT_TRUE(p.document.annotation);
  EXPECT_EQ(p.document.annotation->scenario, "本人调用");
  EXPECT_EQ(p.document.annotation->not_before, "2025-05-01");
  EXPECT_EQ(p.document.annotation->not_after, "2025-07-29");
}

TEST(PageText, TextSetAlongASealsCurveStaysOutOfTheValueBesideIt) {
  Builder b;
  const IdentityFont f{kAlphabet + U"章"};
  f.add_to(b, "F1");
  // The body's name, then a seal's ring text beside it: rotated glyphs
  // either side of an upright one at the top of the curve.
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 600 Tm " + f.show("颁发单位") + " Tj 1 0 0 1 180 600 Tm " +
                        f.show("中国拍卖行业协会") + " Tj ET\n" + "BT /F1 12 Tf 0.94 0.34 -0.34 0.94 290 602 Tm " +
                        f.show("协") + " Tj 1 0 0 1 304 604 Tm " + f.show("章") +
                        " Tj 0.94 -0.34 0.34 0.94 318 602 Tm " + f.show("会") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead) << message_for(p.code).id << ": " << p.detail;
  EXPECT_EQ(field(p, &CertificateData::issuing_body), "中国拍卖行业协会");
}

TEST(PageText, ALabelTwiceWithDifferentValuesIsRefused) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const std::string again = "BT /F1 12 Tf 1 0 0 1 72 400 Tm " + f.show("姓名：李三") + " Tj ET\n";
  const PageCertificate p = read(b.build(standard_page(f, again)));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextAmbiguous);
}

TEST(PageText, ALabelHiddenInsideAValueIsRefused) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  const std::string c = "BT /F1 12 Tf 1 0 0 1 72 760 Tm " + f.show("姓名：张三证书编号：T-9") + " Tj ET\n";
  const PageCertificate p = read(b.build(c));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextAmbiguous);
}

TEST(PageText, UnmappedGlyphsAreSaidNotGuessed) {
  Builder b;
  // Identity-H without ToUnicode: glyph ids, no text.
  const int cid = b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>");
  b.font("F1", "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [" +
                   std::to_string(cid) + " 0 R] >>");
  const PageCertificate p = read(b.build("BT /F1 12 Tf 72 700 Td <00010002000300040005> Tj ET\n"));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextUnmapped);
}

TEST(PageText, AnImageOfACertificateHasNoText) {
  Builder b;
  const int img = b.add(Builder::stream("\xff\x00",
                                        " /Type /XObject /Subtype /Image /Width 1 /Height 1 "
                                        "/ColorSpace /DeviceGray /BitsPerComponent 8"));
  b.xobjects = "/Im1 " + std::to_string(img) + " 0 R ";
  const PageCertificate p = read(b.build("q 595 0 0 842 0 0 cm /Im1 Do Q\n"));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kImageOnly);
}

TEST(PageText, TextDrawnAsOutlinesIsAPictureOfTheDetails) {
  Builder b;
  std::string c;
  for (int i = 0; i < 300; ++i)
    c += std::to_string(72 + i) + " 700 m " + std::to_string(75 + i) + " 710 l 78 700 l f\n";
  EXPECT_EQ(read(b.build(c)).outcome, PageCertificate::Outcome::kImageOnly);
  Builder frame;
  EXPECT_EQ(read(frame.build("20 20 555 802 re S 30 30 535 782 re S\n")).outcome, PageCertificate::Outcome::kEmpty);
}

TEST(PageText, FormXObjectsAreReadAndRecursionEnds) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  // Form 1 draws the name and then itself.
  const std::string form = "BT /F1 12 Tf 1 0 0 1 0 0 Tm " + f.show("姓名：张三") + " Tj ET /Fm1 Do";
  const int self = static_cast<int>(b.objects.size()) + 1;
  b.add(Builder::stream(form, " /Type /XObject /Subtype /Form /BBox [0 0 500 50] /Resources << /Font << " + b.fonts +
                                  ">> /XObject << /Fm1 " + std::to_string(self) + " 0 R >> >>"));
  b.xobjects = "/Fm1 " + std::to_string(self) + " 0 R ";
  const PageCertificate p = read(b.build("q 1 0 0 1 72 700 cm /Fm1 Do Q\n"));
  ASSERT_EQ(p.outcome, PageCertificate::Outcome::kRead);
  EXPECT_EQ(field(p, &CertificateData::holder), "张三");
}

// An Identity-H font whose ToUnicode maps one bfrange (codes `range`,
// e.g. "<0001> <7FFF>") onto CJK from U+4E00: one ToUnicode and one
// descendant shared by every resource name it is added under.
struct RangeFont final {
  RangeFont(Builder& b, const std::string& range)
      : tu(b.add(Builder::stream("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange " + range +
                                 " <4E00> endbfrange"))),
        cid(b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>")) {}
  void add_to(Builder& b, const std::string& name) const {
    b.font(name, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [" +
                     std::to_string(cid) + " 0 R] /ToUnicode " + std::to_string(tu) + " 0 R >>");
  }
  int tu, cid;
};

TEST(PageText, TextStackedAtOnePlaceIsBoundedWork) {
  // 20,000 different characters drawn over each other, each its own run
  // (alternating baselines), all on one line: kept apart only so deep.
  Builder b;
  const RangeFont f(b, "<0001> <7FFF>");
  f.add_to(b, "F1");
  std::string c = "BT /F1 12 Tf\n";
  char code[16];
  for (int i = 1; i <= 20000; ++i) {
    std::snprintf(code, sizeof code, "<%04X>", i);
    c += std::string(i % 2 ? "1 0 0 1 100 700 Tm " : "1 0 0 1 100 703 Tm ") + code + " Tj\n";
  }
  c += "ET\n";
  const PageCertificate p = read(b.build(c));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kNoLabels);
  EXPECT_LE(p.lines.size(), 16u);
}

TEST(PageText, AHundredLabelsOnALineAreNoLayoutToRead) {
  Builder b;
  const IdentityFont f{kAlphabet};
  f.add_to(b, "F1");
  std::string labels;
  for (int i = 0; i < 100; ++i) labels += "姓名：";
  const PageCertificate p = read(b.build("BT /F1 6 Tf 1 0 0 1 10 700 Tm " + f.show(labels) + " Tj ET\n" +
                                         "BT /F1 6 Tf 1 0 0 1 10 692 Tm " + f.show("张三") + " Tj ET\n"));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextAmbiguous);
}

TEST(PageText, APagesFontsShareOneBudgetOfCMapMappings) {
  // Each ToUnicode within its own bound (2^18 codes), five of them past
  // the page's (2^20).
  Builder b;
  const RangeFont f(b, "<000000> <03FFFF>");
  std::string c = "BT\n";
  for (int i = 1; i <= 5; ++i) {
    f.add_to(b, "F" + std::to_string(i));
    c += "/F" + std::to_string(i) + " 12 Tf 1 0 0 1 72 " + std::to_string(700 - 20 * i) + " Tm <0001> Tj\n";
  }
  const PageCertificate p = read(b.build(c + "ET\n"));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextTooLarge);
}

TEST(PageText, APageOverTheOperatorLimitIsNotReadInPart) {
  Builder b;
  std::string c;
  c.reserve(limits::kMaxContentOperators * 2 + 16);
  for (std::size_t i = 0; i <= limits::kMaxContentOperators; ++i) c += "q\n";
  const PageCertificate p = read(b.build(c));
  EXPECT_EQ(p.outcome, PageCertificate::Outcome::kRefused);
  EXPECT_EQ(p.code, Code::kPageTextTooLarge);
}

TEST(CMap, RangesArraysAndTheCodeLimit) {
  const std::string prog =
      "2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n"
      "1 beginbfrange <8140> <8142> <4E00> endbfrange\n"
      "1 beginbfrange <8150> <8151> [<0041> <D83DDE00>] endbfrange\n";
  const CMap m = CMap::parse({reinterpret_cast<const std::uint8_t*>(prog.data()), prog.size()});
  ASSERT_TRUE(m.error().empty());
  ASSERT_NE(m.unicode(0x8142), nullptr);
  EXPECT_EQ(*m.unicode(0x8142), U"\u4E02");
  EXPECT_EQ(*m.unicode(0x8151), U"\U0001F600");
  std::size_t i = 0;
  const std::string bytes = "A\x81\x41";
  EXPECT_EQ(m.next_code(bytes, i).length, 1);
  EXPECT_EQ(m.next_code(bytes, i).value, 0x8141u);

  const std::string huge = "1 beginbfrange <000000> <FFFFFF> <0041> endbfrange\n";
  const CMap h = CMap::parse({reinterpret_cast<const std::uint8_t*>(huge.data()), huge.size()});
  EXPECT_FALSE(h.error().empty());
  EXPECT_EQ(h.unicode(0x10), nullptr);
}

TEST(Folding, FullAndHalfWidthFormsRadicalsAndSpacesFoldForMatching) {
  EXPECT_EQ(matching_key("ＴＥＳＴ－２０２３：Ａ"), "TEST-2023:A");
  EXPECT_EQ(matching_key("姓\u3000\u3000名"), "姓名");
  EXPECT_EQ(matching_key("\u2F08\u2EA0"), "人民");
  EXPECT_EQ(matching_key("2025年5月1日\u2014\u2025年"), "2025年5月1日-\u2025年");
  EXPECT_EQ(matching_key("\uFF64\uFF61"), "、。");
}

TEST(PrintedDates, EveryFormAndNothingElse) {
  auto parse = [](std::u32string_view s) {
    std::size_t at = 0;
    const auto d = parse_printed_date(fold_for_matching(s), at);
    return d ? *d : std::string("-");
  };
  EXPECT_EQ(parse(U"2022年3月16日"), "2022-03-16");
  EXPECT_EQ(parse(U"2022-03-16"), "2022-03-16");
  EXPECT_EQ(parse(U"2022.03.16"), "2022-03-16");
  EXPECT_EQ(parse(U"2022/03/16"), "2022-03-16");
  EXPECT_EQ(parse(U"２０２２．０３．１６"), "2022-03-16");
  EXPECT_EQ(parse(U"2025-05-0100:00:00"), "2025-05-01");  // a time after the date, spaces removed
  EXPECT_EQ(parse(U"2025-05-0123:59"), "2025-05-01");
  EXPECT_EQ(parse(U"2022-02-30"), "-");
  EXPECT_EQ(parse(U"2022-03.16"), "-");
  EXPECT_EQ(parse(U"22-03-16"), "-");
}

}  // namespace
}  // namespace sealcheck::text
