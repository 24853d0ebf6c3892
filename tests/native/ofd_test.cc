// The OFD reader's parts on input written here by hand: the XML layer's
// refusals (document types, entities, depth, size), package paths, base64,
// number and delta lists, and the page text of a TextObject.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ofd/package.h"
#include "ofd/page_text.h"
#include "ofd/xml.h"
#include "sealcheck/certs.h"
#include "sealcheck/limits.h"

namespace sealcheck::ofd {
namespace {

XmlDocument parse(std::string_view s) { return parse_xml({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}); }

TEST(OfdXml, ReadsElementsAttributesAndTextByLocalName) {
  const XmlDocument x = parse(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" xmlns:x=\"urn:other\" Version=\"1.0\">"
      "<ofd:DocBody><ofd:DocRoot> Doc_0/Document.xml </ofd:DocRoot><x:DocRoot>evil.xml</x:DocRoot>"
      "</ofd:DocBody></ofd:OFD>");
  ASSERT_TRUE(x.ok()) << x.error;
  EXPECT_EQ(x.root().name, "OFD");
  ASSERT_NE(x.root().attribute("Version"), nullptr);
  EXPECT_EQ(*x.root().attribute("Version"), "1.0");
  const XmlNode* body = x.child(x.root(), "DocBody");
  ASSERT_NE(body, nullptr);
  // The foreign-namespace DocRoot is kept but never matched.
  EXPECT_EQ(x.count(*body, "DocRoot"), 1u);
  EXPECT_EQ(trim_xml_space(x.child(*body, "DocRoot")->text), "Doc_0/Document.xml");
}

TEST(OfdXml, TheRootsNamespaceIsThePartsOwnWhateverItsUri) {
  const XmlDocument x = parse("<ofd:Document xmlns:ofd=\"http://www.ofdspec.org\"><ofd:Pages/></ofd:Document>");
  ASSERT_TRUE(x.ok());
  EXPECT_NE(x.child(x.root(), "Pages"), nullptr);
  const XmlDocument bare = parse("<Document><Pages/></Document>");
  ASSERT_TRUE(bare.ok());
  EXPECT_NE(bare.child(bare.root(), "Pages"), nullptr);
}

TEST(OfdXml, NamespacesAreResolvedByTheirDeclarationsInScope) {
  // A default namespace, a prefix bound twice (inner wins), and a foreign
  // element using a prefix the OFD namespace also has elsewhere.
  const XmlDocument x = parse(
      "<Page xmlns=\"http://www.ofdspec.org/2016\"><Content/>"
      "<o:Layer xmlns:o=\"http://www.ofdspec.org/2016\"><o:TextObject xmlns:o=\"urn:x\"/></o:Layer></Page>");
  ASSERT_TRUE(x.ok()) << x.error;
  EXPECT_NE(x.child(x.root(), "Content"), nullptr);
  const XmlNode* layer = x.child(x.root(), "Layer");
  ASSERT_NE(layer, nullptr);
  EXPECT_EQ(x.child(*layer, "TextObject"), nullptr);  // urn:x, not the part's
  // After the element that bound it, a prefix is unbound again.
  EXPECT_FALSE(parse("<r xmlns=\"u\"><a xmlns:p=\"u\"/><p:b/></r>").ok());
  EXPECT_FALSE(parse("<p:r/>").ok());
  // Qualified attributes and declarations are not the element's attributes.
  const XmlDocument a = parse("<r xmlns:x=\"urn:x\" x:ID=\"1\" ID=\"2\"/>");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a.root().attributes.size(), 1u);
  EXPECT_EQ(*a.root().attribute("ID"), "2");
}

TEST(OfdXml, RefusesEveryDocumentTypeDeclarationBeforeAnyEntity) {
  // Billion laughs: refused at the DOCTYPE, nothing expanded.
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i < 10; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    laughs += "\">";
  }
  laughs += "]><lolz>&lol9;</lolz>";
  const XmlDocument b = parse(laughs);
  EXPECT_FALSE(b.ok());
  EXPECT_NE(b.error.find("document type"), std::string::npos) << b.error;
  // An external entity, and a bare DOCTYPE with no subset at all.
  EXPECT_FALSE(parse("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>").ok());
  EXPECT_FALSE(parse("<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\"><r/>").ok());
  EXPECT_FALSE(parse("<!DOCTYPE r><r/>").ok());
  // An undeclared entity is an XML error, not an empty string.
  EXPECT_FALSE(parse("<r>&x;</r>").ok());
  // The five predefined entities and character references are text.
  const XmlDocument ok = parse("<r>&lt;&amp;&#x4E2D;</r>");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.root().text, "<&\xE4\xB8\xAD");
}

TEST(OfdXml, RefusesNestingAndElementCountsBeyondTheLimits) {
  std::string deep;
  for (int i = 0; i <= limits::kMaxXmlDepth; ++i) deep += "<a>";
  for (int i = 0; i <= limits::kMaxXmlDepth; ++i) deep += "</a>";
  const XmlDocument d = parse(deep);
  EXPECT_FALSE(d.ok());
  EXPECT_NE(d.error.find("deeper"), std::string::npos) << d.error;
  std::string wide = "<r>";
  for (std::size_t i = 0; i < limits::kMaxXmlNodes; ++i) wide += "<a/>";
  wide += "</r>";
  const XmlDocument w = parse(wide);
  EXPECT_FALSE(w.ok());
  EXPECT_NE(w.error.find("elements"), std::string::npos) << w.error;
  std::string attrs = "<r";
  for (std::size_t i = 0; i <= limits::kMaxXmlAttributes; ++i) attrs += " a" + std::to_string(i) + "=\"1\"";
  EXPECT_FALSE(parse(attrs + "/>").ok());
  EXPECT_FALSE(parse("<r><a></r>").ok());
  EXPECT_FALSE(parse("").ok());
}

TEST(OfdPaths, ResolveAgainstTheirDirectoryAndNeverLeaveThePackage) {
  EXPECT_EQ(resolve_path("Doc_0/Signs", "Sign_0/Signature.xml"), "Doc_0/Signs/Sign_0/Signature.xml");
  EXPECT_EQ(resolve_path("Doc_0/Signs", "/Doc_0/Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
  EXPECT_EQ(resolve_path("Doc_0", "./Pages/../Res/a.png"), "Doc_0/Res/a.png");
  EXPECT_EQ(resolve_path("", " Doc_0/Document.xml\n"), "Doc_0/Document.xml");
  EXPECT_EQ(resolve_path("Doc_0", "../../etc/passwd"), std::nullopt);
  EXPECT_EQ(resolve_path("Doc_0", "Res\\a.png"), std::nullopt);
  EXPECT_EQ(directory_of("Doc_0/Signs/Signatures.xml"), "Doc_0/Signs");
  EXPECT_EQ(directory_of("OFD.xml"), "");
  EXPECT_TRUE(same_path("Doc_0/TPLS/Tpl_0/Content.xml", "Doc_0/TPLS/TPL_0/Content.xml"));
  EXPECT_FALSE(same_path("Doc_0/a.xml", "Doc_0/b.xml"));
}

TEST(OfdBase64, DecodesPaddedUnpaddedAndWrappedAndRefusesTheRest) {
  const auto unpadded = from_base64("YWI", true);
  ASSERT_TRUE(unpadded);
  EXPECT_EQ(std::string(unpadded->begin(), unpadded->end()), "ab");
  EXPECT_EQ(from_base64("YWI"), std::nullopt);  // PEM's strict reading
  EXPECT_EQ(to_base64(Bytes{'a', 'b'}), "YWI=");
  const auto abc = from_base64("YWJj", true);
  ASSERT_TRUE(abc);
  EXPECT_EQ(std::string(abc->begin(), abc->end()), "abc");
  const auto ab = from_base64(" YW\nI= ", true);
  ASSERT_TRUE(ab);
  EXPECT_EQ(std::string(ab->begin(), ab->end()), "ab");
  EXPECT_EQ(from_base64("YW=I", true), std::nullopt);   // data after padding
  EXPECT_EQ(from_base64("YW*I", true), std::nullopt);   // not base64
  EXPECT_EQ(from_base64("YWJjZ", true), std::nullopt);  // a lone sextet
}

TEST(OfdNumbers, ListsAndGRepeatsAsTheStandardWritesThem) {
  EXPECT_EQ(parse_numbers("0 0 210 297", 4), (std::vector<double>{0, 0, 210, 297}));
  EXPECT_EQ(parse_numbers(" -1.5 .25 ", 4), (std::vector<double>{-1.5, 0.25}));
  EXPECT_EQ(parse_numbers("1 2 3", 2), std::nullopt);
  EXPECT_EQ(parse_numbers("1e3", 2), std::nullopt);
  EXPECT_EQ(parse_deltas("g 3 1.5 2", 10), (std::vector<double>{1.5, 1.5, 1.5, 2}));
  EXPECT_EQ(parse_deltas("g 3 1.5 2", 2), (std::vector<double>{1.5, 1.5}));
  EXPECT_EQ(parse_deltas("g 3", 10), std::nullopt);
  EXPECT_EQ(parse_deltas("g 2.5 1", 10), std::nullopt);
}

}  // namespace
}  // namespace sealcheck::ofd
