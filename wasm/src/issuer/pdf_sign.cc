#include "issuer/pdf_sign.h"

#include <openssl/cms.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "crypto/ossl.h"

namespace sealcheck::issuer {
namespace {

constexpr std::size_t kContentsBytes = 8192;  // room for the CMS blob
constexpr std::size_t kByteRangeWidth = 10;   // digits per placeholder number

std::string pdf_date(std::int64_t t) {
  const time_t tt = static_cast<time_t>(t);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string escape_pdf_string(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> sign_detached(const std::vector<std::string_view>& parts, const Signer& s) {
  ossl::Bio data(BIO_new(BIO_s_mem()));
  for (std::string_view p : parts) BIO_write(data.get(), p.data(), static_cast<int>(p.size()));
  ossl::X509Stack extra(sk_X509_new_null());
  for (X509* c : s.chain) {
    X509_up_ref(c);
    sk_X509_push(extra.get(), c);
  }
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  ossl::Cms cms(CMS_sign(nullptr, nullptr, extra.get(), nullptr, flags));
  if (!cms) throw std::runtime_error("CMS_sign failed");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), s.cert, s.key, s.digest ? s.digest : EVP_sha256(), flags);
  if (si == nullptr) throw std::runtime_error("CMS_add1_signer failed");
  // Our clock, not OpenSSL's: the issuer decides the signing time.
  ASN1_TIME* t = ASN1_TIME_set(nullptr, static_cast<time_t>(s.signing_time));
  const int ok = CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1);
  ASN1_TIME_free(t);
  if (ok != 1 || CMS_final(cms.get(), data.get(), nullptr, flags) != 1) {
    throw std::runtime_error("CMS signing failed");
  }
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(cms.get(), &der);
  if (len <= 0) throw std::runtime_error("CMS encoding failed");
  std::vector<std::uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::vector<std::uint8_t> make_signed_sample(const std::string& text, const Signer& signer,
                                             std::size_t pad_bytes) {
  const std::string stream = "BT /F1 20 Tf 72 760 Td (" + escape_pdf_string(text) + ") Tj ET\n";
  const std::string placeholder_range =
      "[0 " + std::string(kByteRangeWidth, '0') + " " + std::string(kByteRangeWidth, '0') + " " +
      std::string(kByteRangeWidth, '0') + "]";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Annots [4 0 R] "
      "/Resources << /Font << /F1 7 0 R >> >> >>",
      "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Seal1) /V 5 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R >>",
      "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange " +
          placeholder_range + " /Contents <" + std::string(kContentsBytes * 2, '0') + "> /M (" +
          pdf_date(signer.signing_time) + ") >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  if (pad_bytes > 0) {
    // Deterministic incompressible bytes (an LCG), like image data.
    std::string pad(pad_bytes, '\0');
    std::uint32_t x = 2463534242u;
    for (char& c : pad) {
      x = x * 1664525u + 1013904223u;
      c = static_cast<char>(x >> 24);
    }
    objects.push_back("<< /Length " + std::to_string(pad.size()) + " >>\nstream\n" + pad + "\nendstream");
  }
  std::string file = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(file.size());
    file += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = file.size();
  file += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    file += line;
  }
  file += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
          std::to_string(xref) + "\n%%EOF\n";

  // Fill the /ByteRange placeholder, then sign everything but the hex string.
  const std::size_t gap_start = file.find("/Contents <") + std::string("/Contents ").size();
  const std::size_t gap_end = gap_start + kContentsBytes * 2 + 2;
  char range[64];
  std::snprintf(range, sizeof range, "[0 %*zu %*zu %*zu]", static_cast<int>(kByteRangeWidth), gap_start,
                static_cast<int>(kByteRangeWidth), gap_end, static_cast<int>(kByteRangeWidth),
                file.size() - gap_end);
  file.replace(file.find(placeholder_range), placeholder_range.size(), range);

  const std::string_view view(file);
  const auto cms = sign_detached({view.substr(0, gap_start), view.substr(gap_end)}, signer);
  if (cms.size() > kContentsBytes) throw std::runtime_error("signature does not fit its placeholder");
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < cms.size(); ++i) {
    file[gap_start + 1 + 2 * i] = kHex[cms[i] >> 4];
    file[gap_start + 2 + 2 * i] = kHex[cms[i] & 15];
  }
  return {file.begin(), file.end()};
}

}  // namespace sealcheck::issuer
