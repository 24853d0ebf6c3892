#include "issuer/ofd_writer.h"

#include <zlib.h>

#include <map>
#include <stdexcept>
#include <string>

#include "issuer/ses_sign.h"
#include "sealcheck/certificate.h"
#include "sealcheck/certs.h"
#include "sealcheck/time.h"

namespace sealcheck::issuer {
namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr const char* kNs = "http://www.ofdspec.org/2016";

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string xml(const std::string& body) { return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body; }

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// Code points of UTF-8 text (the issuer's own, well-formed).
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// One line of text at (x, baseline y) in millimetres, `size` mm high, its
// glyphs an em apart (CJK) or half an em (the rest), as DeltaX says.
std::string text_object(int& id, double x, double y, double size, const std::string& text, const char* color) {
  const auto cps = code_points(text);
  std::string deltas;
  double width = 0;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const double advance = cps[i] >= 0x2E80 ? size : size / 2;
    width += advance;
    if (i + 1 < cps.size()) deltas += (deltas.empty() ? "" : " ") + number(advance);
  }
  return "<ofd:TextObject ID=\"" + std::to_string(id++) + "\" Boundary=\"" + number(x) + " " + number(y - size) + " " +
         number(width + 1) + " " + number(size * 1.4) + "\" Font=\"2\" Size=\"" + number(size) +
         "\"><ofd:FillColor Value=\"" + color + "\"/><ofd:TextCode X=\"0\" Y=\"" + number(size) + "\"" +
         (deltas.empty() ? "" : " DeltaX=\"" + deltas + "\"") + ">" + escape(text) + "</ofd:TextCode></ofd:TextObject>";
}

std::string page_content(const RenderInput& in) {
  const CertificateData& c = in.certificate;
  int id = 10;
  std::string o;
  const char* red = "180 20 20";
  const char* ink = "20 20 20";
  const char* gray = "110 110 110";
  o += text_object(id, 84, 30, 6, "中华人民共和国", red);
  o += text_object(id, 45, 42, 10, "专业技术人员职业资格证书", red);
  o += text_object(id, 52, 52, 3.8, "电子证书 · 演示样本（DEMO），不具有法律效力 · OFD", gray);
  double y = 72;
  for (const auto& [label, value] : certificate_rows(c)) {
    o += text_object(id, 34, y, 4.2, label, gray);
    o += text_object(id, 67, y, 5, value, ink);
    y += 10.5;
  }
  y += 8;
  if (in.annotation) {
    const Annotation& a = *in.annotation;
    o += text_object(id, 36, y, 5, "加注", red);
    o += text_object(id, 36, y + 9, 4.5, "使用场景：" + a.scenario, ink);
    o += text_object(id, 36, y + 17, 4.5, "加注有效期：" + a.not_before + " 至 " + a.not_after + "（北京时间，含当日）",
                     ink);
    o += text_object(id, 140, y, 3.2, "申请日期 " + a.applied_on, gray);
  } else if (in.annotation_exempt) {
    o += text_object(id, 36, y + 9, 4.2, "本电子证书由行业协会于2021年12月17日前制发（盖章），暂无须申请加注。", ink);
  } else {
    o += text_object(id, 36, y + 9, 4.5, "未加注：本证书须经加注后方可查看、下载和使用。", red);
  }
  o += text_object(id, 20, 282, 2.6, "本证书由 sealcheck 演示系统生成，仅供演示与测试，不具有法律效力。", gray);
  return xml(std::string("<ofd:Page xmlns:ofd=\"") + kNs + "\"><ofd:Content><ofd:Layer ID=\"9\">" + o +
             "</ofd:Layer></ofd:Content></ofd:Page>");
}

std::string signatures_xml(int count) {
  std::string items;
  for (int i = 0; i < count; ++i) {
    items += "<ofd:Signature ID=\"s" + std::to_string(i + 1) + "\" Type=\"Seal\" BaseLoc=\"/Doc_0/Signs/Sign_" +
             std::to_string(i) + "/Signature.xml\"/>";
  }
  return xml(std::string("<ofd:Signatures xmlns:ofd=\"") + kNs + "\"><ofd:MaxSignId>s" + std::to_string(count) +
             "</ofd:MaxSignId>" + items + "</ofd:Signatures>");
}

// Seals the package as it is (signature `index`, 0-based).
void add_signature(std::map<std::string, Bytes>& files, int index, const OfdSeal& seal, std::int64_t at) {
  const std::string dir = "Doc_0/Signs/Sign_" + std::to_string(index);
  files["Doc_0/Signs/Signatures.xml"] = bytes_of(signatures_xml(index + 1));
  files[dir + "/Seal.esl"] = seal.seseal;
  std::string refs;
  for (const auto& [name, data] : files) {
    if (name == "Doc_0/Signs/Signatures.xml") continue;
    refs += "<ofd:Reference FileRef=\"/" + name + "\"><ofd:CheckValue>" + to_base64(sm3(data)) +
            "</ofd:CheckValue></ofd:Reference>";
  }
  const std::string when = format_beijing(at);
  const std::string signature = xml(
      std::string("<ofd:Signature xmlns:ofd=\"") + kNs +
      "\"><ofd:SignedInfo><ofd:Provider ProviderName=\"sealcheck demo issuer\" Company=\"sealcheck\" Version=\"1\"/>"
      "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod><ofd:SignatureDateTime>" +
      when.substr(0, 10) + " " + when.substr(11, 8) +
      "</ofd:SignatureDateTime><ofd:References CheckMethod=\"1.2.156.10197.1.401\">" + refs +
      "</ofd:References><ofd:StampAnnot ID=\"a" + std::to_string(index + 1) + "\" PageRef=\"1\" Boundary=\"" +
      number(138 - 50.0 * index) + " 170 40 40\"/><ofd:Seal><ofd:BaseLoc>/" + dir +
      "/Seal.esl</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo><ofd:SignedValue>/" + dir +
      "/SignedValue.dat</ofd:SignedValue></ofd:Signature>");
  files[dir + "/Signature.xml"] = bytes_of(signature);
  SesSignOptions options;
  options.property_info = "/" + dir + "/Signature.xml";
  files[dir + "/SignedValue.dat"] = sign_detached_ses({signature}, seal.cert, seal.key, seal.seseal, at, options);
}

}  // namespace

std::vector<std::uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries) {
  Bytes out, central;
  auto u16 = [](Bytes& b, unsigned v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  };
  auto u32 = [&](Bytes& b, std::uint32_t v) {
    u16(b, v & 0xFFFF);
    u16(b, v >> 16);
  };
  constexpr unsigned kTime = 0, kDate = (40u << 9) | (1u << 5) | 1u;  // 2020-01-01 00:00
  for (const auto& [name, data] : entries) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflate");
    Bytes packed(deflateBound(&z, data.size()) + 16);
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = packed.data();
    z.avail_out = static_cast<uInt>(packed.size());
    const int rc = deflate(&z, Z_FINISH);
    packed.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
    const auto crc = static_cast<std::uint32_t>(crc32(0, data.data(), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    u32(out, 0x04034b50);
    u16(out, 20);
    u16(out, 0x0800);  // UTF-8 names
    u16(out, 8);
    u16(out, kTime);
    u16(out, kDate);
    u32(out, crc);
    u32(out, static_cast<std::uint32_t>(packed.size()));
    u32(out, static_cast<std::uint32_t>(data.size()));
    u16(out, static_cast<unsigned>(name.size()));
    u16(out, 0);
    out.insert(out.end(), name.begin(), name.end());
    out.insert(out.end(), packed.begin(), packed.end());
    u32(central, 0x02014b50);
    u16(central, 20);
    u16(central, 20);
    u16(central, 0x0800);
    u16(central, 8);
    u16(central, kTime);
    u16(central, kDate);
    u32(central, crc);
    u32(central, static_cast<std::uint32_t>(packed.size()));
    u32(central, static_cast<std::uint32_t>(data.size()));
    u16(central, static_cast<unsigned>(name.size()));
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, 0);
    u32(central, offset);
    central.insert(central.end(), name.begin(), name.end());
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out.insert(out.end(), central.begin(), central.end());
  u32(out, 0x06054b50);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<unsigned>(entries.size()));
  u16(out, static_cast<unsigned>(entries.size()));
  u32(out, static_cast<std::uint32_t>(central.size()));
  u32(out, cd_offset);
  u16(out, 0);
  return out;
}

std::vector<std::uint8_t> make_certificate_ofd(const RenderInput& input, const OfdSeal& seal, bool add_seal,
                                               const std::string& embedded_json) {
  if (seal.seseal.empty()) throw std::runtime_error("an OFD certificate needs the PKI's GB/T 38540 seal");
  std::map<std::string, Bytes> files;
  files["OFD.xml"] = bytes_of(xml(
      std::string("<ofd:OFD xmlns:ofd=\"") + kNs +
      "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>" + escape(input.certificate.number) +
      "</ofd:DocID><ofd:CreationDate>" + format_beijing(input.created_at).substr(0, 10) +
      "</ofd:CreationDate><ofd:Creator>sealcheck demo issuer</ofd:Creator></ofd:DocInfo>"
      "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
      "<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>"));
  files["Doc_0/Document.xml"] = bytes_of(
      xml(std::string("<ofd:Document xmlns:ofd=\"") + kNs +
          "\"><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
          "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
          "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages>" +
          (embedded_json.empty() ? std::string() : "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>") +
          "</ofd:Document>"));
  if (!embedded_json.empty()) {
    const std::string name(kCertificateAttachment);
    files["Doc_0/Attachs/Attachments.xml"] =
        bytes_of(xml(std::string("<ofd:Attachments xmlns:ofd=\"") + kNs + "\"><ofd:Attachment ID=\"900\" Name=\"" +
                     name + "\" Format=\"json\" Visible=\"false\"><ofd:FileLoc>" + name +
                     "</ofd:FileLoc></ofd:Attachment></ofd:Attachments>"));
    files["Doc_0/Attachs/" + name] = bytes_of(embedded_json);
  }
  files["Doc_0/PublicRes.xml"] = bytes_of(xml(std::string("<ofd:Res xmlns:ofd=\"") + kNs +
                                              "\" BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"2\" FontName=\"Noto Serif "
                                              "CJK SC\" FamilyName=\"Noto Serif CJK SC\"/></ofd:Fonts></ofd:Res>"));
  files["Doc_0/Pages/Page_0/Content.xml"] = bytes_of(page_content(input));
  add_signature(files, 0, seal, seal.signing_time);
  if (add_seal) add_signature(files, 1, seal, seal.signing_time + 60);
  // OFD.xml first, as readers expect; the rest by name.
  std::vector<std::pair<std::string, Bytes>> entries{{"OFD.xml", files["OFD.xml"]}};
  for (auto& [name, data] : files) {
    if (name != "OFD.xml") entries.emplace_back(name, std::move(data));
  }
  return write_zip(entries);
}

}  // namespace sealcheck::issuer
