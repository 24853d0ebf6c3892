// Writes the verifier's test corpus: PDFs named after what is wrong with
// them, sealed at pinned times by the test PKI of tests/corpus/keys (made
// on the first run, then committed and reused, so regenerating one case
// changes one file). Run through tests/corpus/generate.sh; the output is
// committed, this program is kept so anyone can see (and redo) how each
// forgery was made.
//
//   make_corpus [--only NAME] OUT_DIR KEYS_DIR WORK_DIR
//
// --only NAME writes that file alone (and not the lists or the anchor).
// WORK_DIR receives what the external signer (make_external.mjs) and qpdf
// start from: unsealed bases and external-jobs.tsv.
#include <iconv.h>
#include <openssl/cms.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "../native/support/cms_edit.h"
#include "../native/support/pdf_update.h"
#include "../native/support/plain_pdf.h"
#include "issuer/files.h"
#include "issuer/pdf_sign.h"
#include "issuer/pdf_writer.h"
#include "issuer/pki.h"
#include "issuer/publish.h"
#include "issuer/ses_sign.h"
#include "pdf/document.h"
#include "pdf/signatures.h"
#include "sealcheck/certificate.h"
#include "sealcheck/certs.h"
#include "sealcheck/domain_rules.h"

namespace {

using namespace sealcheck;
using sealcheck::testing::append_update;
using Bytes = std::vector<std::uint8_t>;
namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kCaStart = 1735660800;    // 2025-01-01T00:00:00+08:00
constexpr std::int64_t kOldStart = 1577808000;   // 2020-01-01T00:00:00+08:00
constexpr std::int64_t kOldEnd = 1672502399;     // 2022-12-31T23:59:59+08:00
constexpr std::int64_t kSign2021 = 1622512800;   // 2021-06-01T10:00:00+08:00
constexpr std::int64_t kSign = 1748743200;       // 2025-06-01T10:00:00+08:00
constexpr std::int64_t kSignMarch = 1740880800;  // 2025-03-02T10:00:00+08:00
constexpr std::int64_t kCaEnd = kCaStart + 3650 * kDay;
const char* kSealKu = "critical,digitalSignature,nonRepudiation";
const char* kCaKu = "critical,keyCertSign,cRLSign";

fs::path g_out;
fs::path g_keys;     // the committed test PKI
std::string g_only;  // --only NAME: write that file alone

bool wanted(const std::string& name) { return g_only.empty() || g_only == name || g_only == "external-" + name; }

std::string str(const Bytes& b) { return {b.begin(), b.end()}; }
Bytes bytes(const std::string& s) { return {s.begin(), s.end()}; }

void write(const std::string& name, const Bytes& data) {
  if (!g_only.empty() && g_only != name) return;
  std::ofstream(g_out / name, std::ios::binary)
      .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  std::printf("  %s (%zu bytes)\n", name.c_str(), data.size());
}

void write_pem(const fs::path& path, X509* cert) {
  FILE* f = std::fopen(path.c_str(), "w");
  PEM_write_X509(f, cert);
  std::fclose(f);
}

void write_key(const fs::path& path, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
}

struct Identity {
  ossl::PKey key;
  ossl::X509Ptr cert;
};

// The identity `stem` of the test PKI: read from KEYS_DIR/stem.{key,pem}
// when there, else made now and saved there (commit them).
Identity make(const std::string& stem, const std::string& cn, bool ca, std::int64_t from, std::int64_t to,
              const std::string& ku, const Identity* issuer,
              issuer::KeyAlgorithm algo = issuer::KeyAlgorithm::kEcdsaP256) {
  const fs::path key_file = g_keys / (stem + ".key"), cert_file = g_keys / (stem + ".pem");
  if (fs::exists(key_file) && fs::exists(cert_file)) {
    Identity id;
    FILE* f = std::fopen(key_file.c_str(), "r");
    id.key.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    f = std::fopen(cert_file.c_str(), "r");
    id.cert.reset(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    if (!id.key || !id.cert) throw std::runtime_error("cannot read the test identity " + stem);
    return id;
  }
  Identity id{issuer::generate_key(algo, 2048), nullptr};
  // ASCII organisation: node-forge mangles non-ASCII issuer names when it
  // writes the SignerInfo's issuerAndSerialNumber.
  id.cert =
      issuer::make_certificate({cn, ca, from, to, ku, "sealcheck TEST CORPUS (not a real authority)"}, id.key.get(),
                               issuer ? issuer->cert.get() : nullptr, issuer ? issuer->key.get() : id.key.get());
  write_key(key_file, id.key.get());
  write_pem(cert_file, id.cert.get());
  return id;
}

issuer::Signer signer_of(const Identity& id, std::int64_t when = kSign, const EVP_MD* md = nullptr) {
  issuer::Signer s;
  s.cert = id.cert.get();
  s.key = id.key.get();
  s.signing_time = when;
  s.digest = md;
  return s;
}

Bytes base(const std::string& text) { return issuer::make_unsigned_sample(text); }

// UTF-8 to GBK bytes (glibc's iconv), for a page that shows GBK-EUC-H text.
std::string gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv has no GBK");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  const std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) throw std::runtime_error("not GBK: " + utf8);
  out.resize(out.size() - out_left);
  return out;
}

// A one-page certificate whose text is GBK-EUC-H codes in the non-embedded
// STSong-Light, with no ToUnicode (as Ghostscript and Java report engines
// write Chinese): readable only with the GBK table.
Bytes gbk_page(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string content;
  double y = 760;
  for (const auto& [label, value] : rows) {
    std::string hex;
    for (const unsigned char c : gbk(label + "：" + value)) {
      static const char* d = "0123456789ABCDEF";
      hex += d[c >> 4];
      hex += d[c & 15];
    }
    content += "BT /F1 12 Tf 72 " + std::to_string(static_cast<int>(y)) + " Td <" + hex + "> Tj ET\n";
    y -= 24;
  }
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
      ">>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-GBK-EUC-H /Encoding /GBK-EUC-H /DescendantFonts [6 0 "
      "R] >>",
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering "
      "(GB1) /Supplement 2 >> /DW 1000 /FontDescriptor 7 0 R >>",
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
      "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  };
  const std::string pdf = sealcheck::testing::plain_pdf(objects, 1);
  return Bytes(pdf.begin(), pdf.end());
}

// Certificate data embedded with the seal. The default is a 2020
// association certificate sealed (制发) on 2025-06-01, so it carries an
// annotation in force on the validation day: the seal decides.
CertificateDocument association_2020(std::optional<Annotation> a = Annotation{"本人调用", "2025-05-01", "2025-07-29",
                                                                              "2025-05-01"}) {
  CertificateDocument d;
  d.certificate = {"TEST-2020-0001",
                   "TEST-M-0001",
                   "测试持证人",
                   "男",
                   "居民身份证",
                   mask_id_number("110101198001011234"),
                   "拍卖师（测试）",
                   "",
                   "",
                   "2020-04-01",
                   "2020-05-01",
                   "中国拍卖行业协会（测试 TEST）"};
  d.annotation = std::move(a);
  return d;
}

CertificateDocument ministry_2024(std::optional<Annotation> a) {
  CertificateDocument d;
  d.certificate = {"TEST-2024-0002",     "TEST-M-0002",
                   "测试持证人",         "女",
                   "居民身份证",         mask_id_number("110101199002021234"),
                   "一级建造师（测试）", "",
                   "建筑工程",           "2024-09-01",
                   "2024-10-10",         "中华人民共和国人力资源和社会保障部（测试 TEST）"};
  d.annotation = std::move(a);
  return d;
}

issuer::SignOptions with_data(const CertificateDocument& d = association_2020()) {
  issuer::SignOptions o;
  o.attachment = issuer::Attachment{std::string(kCertificateAttachment), "application/json", to_json(d)};
  return o;
}

Bytes sealed(const std::string& text, const issuer::Signer& s, const CertificateDocument& d = association_2020()) {
  return issuer::sign_pdf(base(text), s, with_data(d));
}

// Sealed with one of the corpus's forgeries (issuer::Forgery).
Bytes forged(const std::string& text, const issuer::Signer& s, const issuer::Forgery& f,
             const CertificateDocument& d = association_2020()) {
  return issuer::sign_pdf(base(text), s, with_data(d), f);
}

std::size_t find(const Bytes& b, const std::string& needle, std::size_t from = 0) {
  const std::size_t p = str(b).find(needle, from);
  if (p == std::string::npos) throw std::runtime_error("not found: " + needle);
  return p;
}

void replace_same_length(Bytes& b, std::size_t pos, const std::string& text) {
  std::copy(text.begin(), text.end(), b.begin() + static_cast<std::ptrdiff_t>(pos));
}

// The genuine file's /ByteRange value and /Contents spans.
struct Layout {
  std::size_t range_pos, range_len, gap_start, gap_end;
};
Layout layout(const Bytes& signed_file) {
  Layout l{};
  l.range_pos = find(signed_file, "/ByteRange ") + 11;
  l.range_len = find(signed_file, "]", l.range_pos) + 1 - l.range_pos;
  l.gap_start = find(signed_file, "/Contents <") + 10;
  l.gap_end = find(signed_file, ">", l.gap_start) + 1;
  return l;
}

std::string stream_obj(const std::string& content) {
  return "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
}

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string read_text(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// --signature-value IN OUT: the seal's signature value, what an RFC 3161
// request for a signature timestamp imprints.
int signature_value(const char* in, const char* out) {
  const std::string text = read_text(in);
  ossl::Cms cms = sealcheck::testing::contents_cms(Bytes(text.begin(), text.end()));
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sig)), ASN1_STRING_length(sig));
  return 0;
}

// --add-timestamp IN TOKEN OUT: the seal with TOKEN (a TimeStampToken, as
// `openssl ts -reply -token_out` writes it) as its signatureTimeStampToken
// attribute. Unsigned: the seal's signature and coverage are unchanged.
int add_timestamp(const char* in, const char* token_path, const char* out) {
  const std::string text = read_text(in);
  const std::string token = read_text(token_path);
  const Bytes stamped = sealcheck::testing::with_cms_edited(Bytes(text.begin(), text.end()), [&](CMS_ContentInfo* cms) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
    if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                      static_cast<int>(token.size())) != 1) {
      throw std::runtime_error("cannot add the timestamp");
    }
  });
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(stamped.data()), static_cast<std::streamsize>(stamped.size()));
  return 0;
}

// The final catalog of `f` with `extra` keys (serialised, e.g.
// "/DSS 40 0 R") added: the body of an update that redefines it.
std::string catalog_with(const Bytes& f, const std::string& extra) {
  pdf::Document doc = pdf::Document::load(f);
  const pdf::Object catalog = doc.resolve(*doc.trailer()->find("Root"));
  // A /DSS of an earlier update is replaced, never given twice.
  auto copy = std::make_shared<pdf::Dict>();
  for (const auto& entry : catalog.as_dict()->entries) {
    if (entry.first != "DSS" || extra.find("/DSS ") == std::string::npos) copy->entries.push_back(entry);
  }
  std::string body = pdf::serialize(pdf::Object(std::shared_ptr<const pdf::Dict>(copy)));
  const std::size_t close = body.rfind(">>");
  if (close == std::string::npos) throw std::runtime_error("catalog is not a dictionary");
  return body.substr(0, close) + " " + extra + " >>";
}

// A PAdES B-LT update: a /DSS with the given certificates (DER) as
// streams and one VRI entry naming them, the catalog gaining it. Object
// numbers from `first`; `more` adds objects to the same update.
Bytes with_dss(const Bytes& f, const std::vector<Bytes>& certs, std::uint32_t first,
               std::map<std::uint32_t, std::string> more = {}, const std::string& catalog_extra = "") {
  std::string refs;
  for (std::size_t i = 0; i < certs.size(); ++i) {
    const auto num = first + 1 + static_cast<std::uint32_t>(i);
    more[num] = sealcheck::testing::stream_body(std::string(certs[i].begin(), certs[i].end()));
    refs += (refs.empty() ? "" : " ") + std::to_string(num) + " 0 R";
  }
  more[first] =
      "<< /Type /DSS /Certs [" + refs + "] /VRI << /" + std::string(40, 'A') + " << /Cert [" + refs + "] >> >> >>";
  more[1] =
      catalog_with(f, "/DSS " + std::to_string(first) + " 0 R" + (catalog_extra.empty() ? "" : " " + catalog_extra));
  return append_update(f, more);
}

// --prepare-document-timestamp IN OUT COVERED: IN with a document
// timestamp's placeholder (invisible field, its byte range written) as OUT,
// and the bytes a token must imprint as COVERED (for `openssl ts`).
int prepare_document_timestamp(const char* in, const char* out, const char* covered) {
  const std::string text = read_text(in);
  issuer::SignOptions o;
  o.field_name = "DocTimeStamp1";
  o.document_timestamp = true;
  issuer::Prepared p = issuer::prepare_signature(Bytes(text.begin(), text.end()), o, std::nullopt);
  const auto br = p.exact_range();
  const Bytes placeholder = issuer::fill_contents(p, br, {});
  const std::string_view v(reinterpret_cast<const char*>(placeholder.data()), placeholder.size());
  const std::string signed_bytes = std::string(v.substr(0, static_cast<std::size_t>(br[1]))) +
                                   std::string(v.substr(static_cast<std::size_t>(br[2])));
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(placeholder.data()), static_cast<std::streamsize>(placeholder.size()));
  std::ofstream(covered, std::ios::binary)
      .write(signed_bytes.data(), static_cast<std::streamsize>(signed_bytes.size()));
  return 0;
}

// --fill-document-timestamp IN TOKEN OUT: the placeholder of IN's document
// timestamp filled with TOKEN (hex).
int fill_document_timestamp(const char* in, const char* token_path, const char* out) {
  std::string text = read_text(in);
  const std::string token = read_text(token_path);
  const std::size_t dict = text.rfind("/Type /DocTimeStamp");
  const std::size_t gap = dict == std::string::npos ? dict : text.find("/Contents <", dict);
  if (gap == std::string::npos) throw std::runtime_error("no document timestamp placeholder");
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < token.size(); ++i) {
    const auto b = static_cast<unsigned char>(token[i]);
    text[gap + 11 + 2 * i] = kHex[b >> 4];
    text[gap + 12 + 2 * i] = kHex[b & 15];
  }
  std::ofstream(out, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
  return 0;
}

// --add-dss IN CERT.pem OUT: IN with one more B-LT update (the certificate
// in a /DSS), as validators add after a document timestamp.
int add_dss(const char* in, const char* cert_pem, const char* out) {
  const std::string text = read_text(in);
  FILE* f = std::fopen(cert_pem, "r");
  ossl::X509Ptr cert(f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr);
  if (f) std::fclose(f);
  if (!cert) throw std::runtime_error(std::string("cannot read ") + cert_pem);
  const Bytes b(text.begin(), text.end());
  pdf::Document doc = pdf::Document::load(b);
  const auto size = static_cast<std::uint32_t>(*doc.trailer()->find("Size")->as_int());
  const Bytes result = with_dss(b, {issuer::certificate_der(cert.get())}, size);
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(result.data()), static_cast<std::streamsize>(result.size()));
  return 0;
}

// --add-crl IN CRL.der OUT: IN with CRL in its seal's SignedData.crls
// (outside the signed attributes: the seal is unchanged).
int add_crl(const char* in, const char* crl_path, const char* out) {
  const std::string text = read_text(in);
  const std::string der = read_text(crl_path);
  const Bytes result = sealcheck::testing::with_cms_edited(Bytes(text.begin(), text.end()), [&](CMS_ContentInfo* cms) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
    if (crl == nullptr || CMS_add0_crl(cms, crl) != 1) throw std::runtime_error("cannot add the CRL");
  });
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(result.data()), static_cast<std::streamsize>(result.size()));
  return 0;
}

// --add-dss-crl IN CRL.der OUT / --add-dss-ocsp IN OCSP.der OUT: IN with a
// B-LT update whose /DSS holds that CRL (/CRLs) or OCSP response (/OCSPs).
int add_dss_revocation(const char* key, const char* in, const char* crl_path, const char* out) {
  const std::string text = read_text(in);
  const std::string der = read_text(crl_path);
  const Bytes b(text.begin(), text.end());
  pdf::Document doc = pdf::Document::load(b);
  const auto size = static_cast<std::uint32_t>(*doc.trailer()->find("Size")->as_int());
  const Bytes result =
      append_update(b, {{size, "<< /Type /DSS /" + std::string(key) + " [" + std::to_string(size + 1) + " 0 R] >>"},
                        {size + 1, sealcheck::testing::stream_body(der)},
                        {1, catalog_with(b, "/DSS " + std::to_string(size) + " 0 R")}});
  std::ofstream(out, std::ios::binary)
      .write(reinterpret_cast<const char*>(result.data()), static_cast<std::streamsize>(result.size()));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--signature-value") return signature_value(argv[2], argv[3]);
  if (argc == 5 && std::string(argv[1]) == "--add-timestamp") return add_timestamp(argv[2], argv[3], argv[4]);
  if (argc == 5 && std::string(argv[1]) == "--prepare-document-timestamp") {
    return prepare_document_timestamp(argv[2], argv[3], argv[4]);
  }
  if (argc == 5 && std::string(argv[1]) == "--fill-document-timestamp") {
    return fill_document_timestamp(argv[2], argv[3], argv[4]);
  }
  if (argc == 5 && std::string(argv[1]) == "--add-dss") return add_dss(argv[2], argv[3], argv[4]);
  if (argc == 5 && std::string(argv[1]) == "--add-crl") return add_crl(argv[2], argv[3], argv[4]);
  if (argc == 5 && std::string(argv[1]) == "--add-dss-crl")
    return add_dss_revocation("CRLs", argv[2], argv[3], argv[4]);
  if (argc == 5 && std::string(argv[1]) == "--add-dss-ocsp") {
    return add_dss_revocation("OCSPs", argv[2], argv[3], argv[4]);
  }
  // make_corpus --seal-objstm IN OUT KEYS_DIR: seals a qpdf-rewritten file
  // with the corpus seal key written by the first pass (and the corpus's
  // certificate data); --seal IN OUT KEYS_DIR seals any file as it is (the
  // hostile-input tests seal their pages with it).
  // --seal-archiving IN OUT KEYS_DIR OCSP.der: as --seal-objstm, the OCSP
  // response signed in with the seal (revocationInfoArchival).
  if ((argc == 5 && (std::string(argv[1]) == "--seal-objstm" || std::string(argv[1]) == "--seal")) ||
      (argc == 6 && std::string(argv[1]) == "--seal-archiving")) {
    const bool with_certificate_data = std::string(argv[1]) != "--seal";
    std::ifstream in(argv[2], std::ios::binary);
    const Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const fs::path keys = argv[4];
    FILE* f = std::fopen((keys / "ecdsa-seal.pem").c_str(), "r");
    ossl::X509Ptr cert(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    f = std::fopen((keys / "ecdsa-seal.key").c_str(), "r");
    ossl::PKey key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    issuer::Signer s;
    s.cert = cert.get();
    s.key = key.get();
    s.signing_time = kSign;
    if (argc == 6) {
      const std::string ocsp = read_text(argv[5]);
      s.archived_ocsps.emplace_back(ocsp.begin(), ocsp.end());
    }
    const Bytes out = issuer::sign_pdf(b, s, with_certificate_data ? with_data() : issuer::SignOptions{});
    std::ofstream(argv[3], std::ios::binary)
        .write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    return 0;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 5 && args[0] == "--only") {
    g_only = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.size() != 3) {
    std::fprintf(stderr, "usage: make_corpus [--only NAME] OUT_DIR KEYS_DIR WORK_DIR\n");
    return 64;
  }
  const fs::path out_dir = args[0];
  g_out = out_dir / "files";
  g_keys = args[1];
  const fs::path keys = args[2];  // the work directory
  fs::create_directories(g_out);
  fs::create_directories(out_dir / "trust");
  fs::create_directories(g_keys);
  fs::create_directories(keys);

  // An RSA root: node-forge (the external signer) cannot read certificates
  // signed with ECDSA.
  // Valid since 2020, so that seals can be dated before 2021-12-17.
  const Identity root = make("root", "sealcheck TEST CORPUS ROOT (not a real authority)", true, kOldStart, kCaEnd,
                             kCaKu, nullptr, issuer::KeyAlgorithm::kRsa);
  const Identity seal = make("ecdsa-seal", "TEST 专用章 corpus seal", false, kCaStart, kCaEnd, kSealKu, &root);
  const Identity ministry_seal =
      make("ministry-ecdsa-seal", "TEST 人社部 corpus seal", false, kOldStart, kCaEnd, kSealKu, &root);
  // An association's seal certificate of 2020-2022: long expired on the
  // validation day, valid when it sealed in 2021. RSA twins of it and of the
  // ministry's seal for the external signer.
  const Identity old_seal =
      make("old-ecdsa-seal", "TEST 专用章 2020-2022 corpus seal", false, kOldStart, kOldEnd, kSealKu, &root);
  const Identity old_rsa_seal = make("old-seal", "TEST RSA 2020-2022 corpus seal", false, kOldStart, kOldEnd, kSealKu,
                                     &root, issuer::KeyAlgorithm::kRsa);
  const Identity rsa_ministry_seal = make("ministry-seal", "TEST 人社部 RSA corpus seal", false, kOldStart, kCaEnd,
                                          kSealKu, &root, issuer::KeyAlgorithm::kRsa);
  const Identity rsa_seal =
      make("seal", "TEST corpus RSA seal", false, kCaStart, kCaEnd, kSealKu, &root, issuer::KeyAlgorithm::kRsa);
  const Identity other_root = make("other-root", "some other root", true, kCaStart, kCaEnd, kCaKu, nullptr);
  const Identity other_seal =
      make("other-seal", "a seal from elsewhere", false, kCaStart, kCaEnd, kSealKu, &other_root);
  // Same subject as the corpus root, different key: a forged authority.
  const Identity evil_root =
      make("evil-root", "sealcheck TEST CORPUS ROOT (not a real authority)", true, kCaStart, kCaEnd, kCaKu, nullptr);
  const Identity forged_seal =
      make("forged-seal", "TEST 专用章 corpus seal", false, kCaStart, kCaEnd, kSealKu, &evil_root);
  const Identity wrong_ku =
      make("wrong-ku", "seal cert for encryption only", false, kCaStart, kCaEnd, "critical,keyEncipherment", &root);
  // An end-entity certificate (CA:FALSE) acting as an issuer.
  const Identity not_ca =
      make("not-ca", "not a CA", false, kCaStart, kCaEnd, "critical,digitalSignature,keyCertSign", &root);
  const Identity under_not_ca = make("under-not-ca", "seal under a non-CA", false, kCaStart, kCaEnd, kSealKu, &not_ca);
  const Identity expired =
      make("expired-seal", "seal cert of 2024", false, kCaStart - 365 * kDay, kCaStart - kDay, kSealKu, &root);
  // An SM2 seal (key on the SM2 curve), certified by the corpus root.
  const Identity sm2_seal =
      make("sm2-seal", "TEST SM2 corpus seal", false, kCaStart, kCaEnd, kSealKu, &root, issuer::KeyAlgorithm::kSm2);

  // GB/T 38540 seals: a seal maker (制章人) certified by the root, one
  // nobody certified, and a second SM2 signer the seals do not list.
  auto sm2_identity = [&](const std::string& stem, const std::string& cn, const Identity* issuer) {
    return make(stem, cn, false, kCaStart, kCaEnd, kSealKu, issuer, issuer::KeyAlgorithm::kSm2);
  };
  const Identity seal_maker = sm2_identity("seal-maker", "TEST 制章人 corpus seal maker", &root);
  const Identity rogue_maker = sm2_identity("rogue-maker", "TEST 制章人 corpus seal maker", nullptr);
  const Identity sm2_other = sm2_identity("sm2-other", "TEST SM2 seal not listed in the electronic seal", &root);

  if (g_only.empty()) write_pem(out_dir / "trust" / "root.pem", root.cert.get());
  // node-forge (inside @signpdf) only handles RSA keys: it seals with
  // KEYS_DIR's seal, old-seal and ministry-seal.

  std::puts("corpus:");
  const Bytes genuine = sealed("genuine seal", signer_of(seal));
  write("genuine-ecdsa.pdf", genuine);
  write("genuine-rsa.pdf", sealed("genuine RSA seal", signer_of(rsa_seal)));
  write("untrusted-root.pdf", sealed("seal from another PKI", signer_of(other_seal)));
  write("base-unsigned.pdf", base("no seal at all"));
  // For generate.sh: a base that qpdf rewrites with object and xref streams
  // before we seal it (the catalog then lives in an object stream).
  {
    const Bytes b = base("object streams and xref streams");
    std::ofstream(keys / "objstm-base.pdf", std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  }
  // For the external signer: certificate data in place, no seal yet.
  {
    const Bytes b = issuer::attach_only(base("sealed by @signpdf"), *with_data().attachment);
    std::ofstream(keys / "external-base.pdf", std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  }

  // For poppler's pdfsig (generate.sh): the genuine file with a second,
  // empty signature field that pdfsig then signs (a second seal by a
  // signer we did not write). Object numbers are those our signer gave
  // the genuine file: catalog 1, page 3, first seal's field 7, data 9.
  {
    const std::string catalog = str(genuine).substr(find(genuine, "<</Type /Catalog"));
    if (catalog.find("/Fields [7 0 R]") == std::string::npos || catalog.find("/AF [9 0 R]") == std::string::npos) {
      throw std::runtime_error("poppler base: the genuine file's catalog is not the expected one");
    }
    const Bytes b = append_update(
        genuine,
        {{1,
          "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R 10 0 R] /SigFlags 3 >> /Names << /EmbeddedFiles "
          "<< /Names [<7365616c636865636b2d63657274696669636174652e6a736f6e> 9 0 R] >> >> /AF [9 0 R] >>"},
         {3,
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> "
          ">> /Annots [7 0 R 10 0 R] >>"},
         {10, "<< /FT /Sig /T (Seal2) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>"}});
    std::ofstream(keys / "poppler-base.pdf", std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  }

  // The families of cases, in order; each writes its files through write()
  // and external(), which --only narrows to one name.
  std::ofstream jobs(keys / "external-jobs.tsv");
  auto external = [&](const std::string& name, const Bytes& base_pdf, const char* key, const char* when) {
    if (!g_only.empty() && g_only != "external-" + name) return;
    const std::string base_name = "base-" + name;
    std::ofstream(keys / base_name, std::ios::binary)
        .write(reinterpret_cast<const char*>(base_pdf.data()), static_cast<std::streamsize>(base_pdf.size()));
    jobs << "external-" << name << '\t' << base_name << '\t' << key << '\t' << when << '\n';
  };
  auto with_attachment = [&](const std::string& text, const CertificateDocument& d) {
    return issuer::attach_only(base(text), *with_data(d).attachment);
  };
  const std::string ministry_body = ministry_2024(std::nullopt).certificate.issuing_body;
  auto both = [&](const std::string& name, const std::string& text, const CertificateDocument& d, const Identity& ours,
                  std::int64_t when, const char* their_key, const char* their_when) {
    write(name, sealed(text, signer_of(ours, when), d));
    external(name, with_attachment(text + " (external signer)", d), their_key, their_when);
  };
  using Family = std::pair<const char*, std::function<void()>>;
  const std::vector<Family> families = {
      {"annotation (加注), validated at 2025-06-02",
       [&] {
         // --- annotation (加注), validated at 2025-06-02 -------------------------
         write("genuine-annotated-in-force.pdf",
               sealed("annotated, in force", signer_of(ministry_seal),
                      ministry_2024(Annotation{"本人调用", "2025-05-01", "2025-07-29", "2025-05-01"})));
         write("annotation-expired.pdf",
               sealed("annotation expired", signer_of(ministry_seal),
                      ministry_2024(Annotation{"本人调用", "2025-03-04", "2025-06-01", "2025-03-04"})));
         write("annotation-not-yet-valid.pdf",
               sealed("annotation not yet valid", signer_of(ministry_seal),
                      ministry_2024(Annotation{"本人调用", "2025-06-03", "2025-08-31", "2025-05-30"})));
         write("annotation-91-days.pdf",
               sealed("annotation of 91 days", signer_of(ministry_seal),
                      ministry_2024(Annotation{"本人调用", "2025-05-01", "2025-07-30", "2025-05-01"})));
         write("annotation-unknown-scenario.pdf",
               sealed("unknown scenario", signer_of(ministry_seal),
                      ministry_2024(Annotation{"转授他人", "2025-05-01", "2025-07-29", "2025-05-01"})));
         write("post2021-no-annotation.pdf",
               sealed("no annotation", signer_of(ministry_seal), ministry_2024(std::nullopt)));
         {
           CertificateDocument d = ministry_2024(Annotation{"本人调用", "2025-05-01", "2025-07-29", "2025-05-01"});
           d.certificate.number = "TEST-2024-0099";
           write("revoked.pdf", sealed("revoked after issue", signer_of(ministry_seal), d));
         }
       }},
      {"the signed revocation list the corpus is checked against",
       [&] {
         // --- the signed revocation list the corpus is checked against ------------
         // (and the trust list; both rewritten with the whole corpus, the
         // trust list alone with --only trust-list)
         if (g_only.empty()) {
           const std::vector<RevocationReason> reasons = {
               {"fraud", "以欺骗等不正当手段取得", "obtained by fraud or other improper means"},
               {"data-error", "证书信息有误", "issued with incorrect data"}};
           std::vector<issuer::PublishedRevocation> revoked = {{"TEST-2024-0099", kSign + 2 * 3600, 1}};
           for (int i = 0; i < 500; ++i) revoked.push_back({"TEST-REVOKED-" + std::to_string(i), kSign - kDay, 0});
           const auto list =
               issuer::build_revocation_list(revoked, reasons, 7, kSign - 3600, kSign + 7 * kDay, root.key.get());
           issuer::write_revocation_list((out_dir / "lists").string(), list);
           std::puts("  lists/revocations (list 7, 501 revoked)");
         }
         if (g_only.empty() || g_only == "trust-list") {
           // The trust list: which seal is authoritative for which body.
           auto fp = [](const Identity& id) {
             unsigned char* der = nullptr;
             const int len = i2d_X509(id.cert.get(), &der);
             const std::string h = to_hex(sha256({der, static_cast<std::size_t>(len)}));
             OPENSSL_free(der);
             return h;
           };
           const std::string assoc = association_2020().certificate.issuing_body;
           const std::string ministry = ministry_2024(std::nullopt).certificate.issuing_body;
           const TrustList trust{
               7,
               kSign - 3600,
               {{assoc, "TEST 专用章 corpus seal", fp(seal), {}, {}},
                {assoc, "TEST corpus RSA seal", fp(rsa_seal), {}, {}},
                {assoc, "TEST SM2 corpus seal", fp(sm2_seal), {}, {}},
                {assoc, "TEST 专用章 2020-2022 corpus seal", fp(old_seal), {}, {}},
                {assoc, "TEST RSA 2020-2022 corpus seal", fp(old_rsa_seal), {}, {}},
                {ministry, "TEST 人社部 corpus seal", fp(ministry_seal), {}, std::string(rules::kMinistrySealFrom)},
                {ministry,
                 "TEST 人社部 RSA corpus seal",
                 fp(rsa_ministry_seal),
                 {},
                 std::string(rules::kMinistrySealFrom)}}};
           // The corpus TSA (tests/corpus/keys/tsa.pem, made with the openssl
           // command line) is certified by the corpus root: listed as the
           // anchor of time-stamping authorities.
           TrustList with_tsa = trust;
           with_tsa.tsas.push_back({"TEST corpus TSA root", issuer::certificate_pem(root.cert.get())});
           const TrustListInput signed_trust = issuer::build_trust_list(with_tsa, root.key.get());
           issuer::write_file((out_dir / "lists" / "trust-list.json").string(), signed_trust.json);
           issuer::write_file((out_dir / "lists" / "trust-list.sig").string(), signed_trust.signature);
           std::puts("  lists/trust-list.json (7 seals, 1 TSA anchor)");
         }
         // An association's certificate sealed with the ministry's seal.
         write("wrong-seal.pdf", sealed("wrong seal", signer_of(ministry_seal)));
         write("sealed-without-certificate-data.pdf", issuer::sign_pdf(base("a seal but no data"), signer_of(seal)));
       }},
      {"certificates typeset by other tools (tests/corpus/typeset), details only on the page",
       [&] {
         // --- typeset by Chromium, LibreOffice, ReportLab and pdf-lib ------------
         // Unsealed PDFs those tools wrote (typeset/make.sh), sealed here by
         // our signer and, through external-jobs.tsv, by @signpdf. No
         // embedded data: the page's text is the only source.
         const fs::path dir = out_dir / "typeset" / "pdf";
         struct Case {
           bool genuine;  // named genuine-typeset-* (valid) or typeset-*
           const char* name;
           const Identity* ours;
           std::int64_t when;
           const char* their_key;
           const char* their_when;
         };
         const Case cases[] = {
             {true, "chromium-table", &ministry_seal, kSign, "ministry-seal", "2025-06-01T10:00:00+08:00"},
             {false, "chromium-table-expired", &ministry_seal, kSignMarch, "ministry-seal",
              "2025-03-02T10:00:00+08:00"},
             {true, "chromium-bilingual", &seal, kSign, "seal", "2025-06-01T10:00:00+08:00"},
             {true, "libreoffice-two-columns", &seal, kSign, "seal", "2025-06-01T10:00:00+08:00"},
             {true, "reportlab-label-above", &old_seal, kSign2021, "old-seal", "2021-06-01T10:00:00+08:00"},
             {true, "wkhtmltopdf-card", &ministry_seal, kSign, "ministry-seal", "2025-06-01T10:00:00+08:00"},
             {true, "ghostscript-gbk", &old_seal, kSign2021, "old-seal", "2021-06-01T10:00:00+08:00"},
             {true, "pdflib-subset-font", &ministry_seal, kSign, "ministry-seal", "2025-06-01T10:00:00+08:00"},
         };
         for (const Case& c : cases) {
           const Bytes source = issuer::read_file_or_throw((dir / (std::string(c.name) + ".pdf")).string());
           const std::string name = std::string(c.genuine ? "genuine-typeset-" : "typeset-") + c.name + ".pdf";
           write(name, issuer::sign_pdf(source, signer_of(*c.ours, c.when)));
           external(name, source, c.their_key, c.their_when);
         }
         // GBK-EUC-H text without ToUnicode (the engine needs the GBK table).
         const Bytes gbk_pdf = gbk_page({{"姓名", "郭测试"},
                                         {"证书编号", "GBK-2020-0005"},
                                         {"资格名称", "拍卖师"},
                                         {"签发日期", "2020年07月01日"},
                                         {"颁发单位", "中国拍卖行业协会（测试 TEST）"},
                                         {"使用场景", "本人调用"},
                                         {"加注有效期", "2025年06月01日至2025年08月29日"}});
         write("genuine-page-gbk-euc.pdf", issuer::sign_pdf(gbk_pdf, signer_of(seal)));
         // The same page with an embedded block that disagrees with it.
         const Bytes page = issuer::read_file_or_throw((dir / "libreoffice-two-columns.pdf").string());
         // Everything as printed (libreoffice-two-columns.expected.json) but
         // the holder's name, one character off.
         CertificateDocument other;
         other.certificate = {"TYPESET-2019-0002",
                              "TYPESET-M-0002",
                              "吴测式",
                              "女",
                              "居民身份证",
                              "4401**********0026",
                              "拍卖师",
                              "",
                              "",
                              "2019-04-12",
                              "2019-05-06",
                              "中国拍卖行业协会（测试 TEST）"};
         other.annotation = Annotation{"本人调用", "2025-06-01", "2025-08-28", "2025-06-01"};
         const Bytes attached = issuer::attach_only(page, *with_data(other).attachment);
         write("typeset-page-and-embedded-disagree.pdf", issuer::sign_pdf(attached, signer_of(seal)));
         external("typeset-page-and-embedded-disagree.pdf", attached, "seal", "2025-06-01T10:00:00+08:00");
       }},
      {"modified after sealing",
       [&] {
         // --- modified after sealing ------------------------------------------
         write("incremental-update-content-added.pdf",
               append_update(genuine, {{4, stream_obj("BT /F1 20 Tf 72 700 Td (ADDED LATER) Tj ET")}}));
         {
           const std::string xref_only = "xref\n";
           write("shadow-appended-xref-trailer.pdf", append_update(genuine, {}, "", &xref_only));
         }
         {
           // The hidden object is in the signed revision; the update reveals it.
           const Bytes with_hidden =
               append_update(base("shadow: hide and reveal"), {{6, stream_obj("BT /F1 20 Tf 72 600 Td (PAID) Tj ET")}});
           const Bytes hidden_sealed = issuer::sign_pdf(with_hidden, signer_of(seal), with_data());
           write("shadow-hide-reveal.pdf",
                 append_update(hidden_sealed,
                               {{3,
                                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 6 0 R] "
                                 "/Resources << /Font << /F1 5 0 R >> >> >>"}}));
         }
         {
           const std::string flip = "xref\n5 1\n0000000000 00001 f \n";
           write("shadow-free-flip.pdf", append_update(genuine, {}, "", &flip));
         }
         {
           const std::string redef =
               "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name (Forged Name) /M "
               "(D:20990101000000Z) "
               "/ByteRange " +
               str(genuine).substr(layout(genuine).range_pos, layout(genuine).range_len) + " /Contents " +
               str(genuine).substr(layout(genuine).gap_start, layout(genuine).gap_end - layout(genuine).gap_start) +
               " >>";
           pdf::Document doc = pdf::Document::load(genuine);
           const std::uint32_t sig_num = pdf::find_signatures(doc).signatures.at(0).container;
           write("sigdict-reemitted-forged-metadata.pdf", append_update(genuine, {{sig_num, redef}}));
         }
         {
           issuer::Prepared p = issuer::prepare_signature(base("valid signature, short range"), with_data(), kSign);
           auto r = p.exact_range();
           r[3] -= 100;  // the signer leaves the last 100 bytes out
           write("uncovered-bytes-valid-cms.pdf", issuer::finish_signature(std::move(p), signer_of(seal), r));
         }
       }},
      {"signature wrapping",
       [&] {
         // --- signature wrapping ----------------------------------------------
         {
           const Layout l = layout(genuine);
           std::string s = str(genuine);
           const std::string p1 = s.substr(0, l.gap_start), gap = s.substr(l.gap_start, l.gap_end - l.gap_start),
                             p2 = s.substr(l.gap_end);
           write("wrapping-second-range-moved.pdf", bytes(p1 + gap + "\n9 0 obj\n(INSERTED)\nendobj\n" + p2));
         }
         {
           // New /ByteRange in place of the old; the signed bytes after it are
           // copied further down, so the two new ranges still hash to the signed
           // digest, and the gap now hides the malicious object.
           const Layout l = layout(genuine);
           const std::string s = str(genuine);
           const std::size_t obj_end = s.find("endobj\n", l.gap_end) + 7;
           std::string head = s.substr(0, l.range_pos);
           std::string middle_rest = s.substr(l.range_pos + l.range_len, obj_end - (l.range_pos + l.range_len));
           const std::string malicious =
               "9 0 obj\n" + stream_obj("BT /F1 20 Tf 72 500 Td (EVIL) Tj ET") + "\nendobj\n%";
           const std::string copy = s.substr(l.range_pos, l.gap_start - l.range_pos) + s.substr(l.gap_end);
           // The new ranges, [0, range_pos) and [start2, start2 + copy.size()),
           // hash to exactly the bytes the seal signed.
           const std::size_t start2 = head.size() + l.range_len + middle_rest.size() + malicious.size();
           const std::string range = padded("[0 " + std::to_string(l.range_pos) + " " + std::to_string(start2) + " " +
                                                std::to_string(copy.size()) + "]",
                                            l.range_len);
           write("wrapping-new-byterange-in-gap.pdf", bytes(head + range + middle_rest + malicious + copy));
         }
       }},
      {"universal signature forgery",
       [&] {
         // --- universal signature forgery --------------------------------------
         {
           const Layout l = layout(genuine);
           auto variant = [&](const std::string& name, const std::function<void(Bytes&)>& edit) {
             Bytes b = genuine;
             edit(b);
             write(name, b);
           };
           variant("usf-contents-missing.pdf",
                   [&](Bytes& b) { replace_same_length(b, l.gap_start - 10, "/Contentz "); });
           variant("usf-contents-empty.pdf",
                   [&](Bytes& b) { replace_same_length(b, l.gap_start, padded("<>", l.gap_end - l.gap_start)); });
           variant("usf-contents-zeroed.pdf", [&](Bytes& b) {
             replace_same_length(b, l.gap_start + 1, std::string(l.gap_end - l.gap_start - 2, '0'));
           });
           variant("usf-byterange-missing.pdf",
                   [&](Bytes& b) { replace_same_length(b, l.range_pos - 11, "/ByteRangz "); });
           variant("usf-byterange-null.pdf",
                   [&](Bytes& b) { replace_same_length(b, l.range_pos, padded("null", l.range_len)); });
           variant("usf-byterange-zero.pdf",
                   [&](Bytes& b) { replace_same_length(b, l.range_pos, padded("[0 0 0 0]", l.range_len)); });
           variant("usf-byterange-negative.pdf", [&](Bytes& b) {
             replace_same_length(
                 b, l.range_pos,
                 padded("[0 -" + std::to_string(l.gap_start) + " " + std::to_string(l.gap_end) + " 10]", l.range_len));
           });
           variant("usf-byterange-out-of-file.pdf", [&](Bytes& b) {
             replace_same_length(b, l.range_pos,
                                 padded("[0 " + std::to_string(l.gap_start) + " " + std::to_string(l.gap_end) + " " +
                                            std::to_string(b.size()) + "]",
                                        l.range_len));
           });
         }
         {
           // Two /ByteRange keys in one signed dictionary.
           issuer::Prepared p = issuer::prepare_signature(base("ambiguous dictionary"), with_data(), kSign);
           const std::size_t f = find(p.bytes, "/Filter /Adobe.PPKLite");
           replace_same_length(p.bytes, f, "/ByteRange [0 1 2 3]  ");
           const auto r = p.exact_range();
           write("duplicate-byterange-key.pdf", issuer::finish_signature(std::move(p), signer_of(seal), r));
         }
       }},
      {"certificates and algorithms",
       [&] {
         // --- certificates and algorithms ---------------------------------------
         write("forged-issuer-same-name.pdf", sealed("forged authority", signer_of(forged_seal)));
         write("wrong-key-usage.pdf", sealed("wrong key usage", signer_of(wrong_ku)));
         write("signer-expired-at-signing.pdf", sealed("expired signer", signer_of(expired)));
         write("sha1-digest.pdf", sealed("SHA-1", signer_of(seal, kSign, EVP_sha1())));
         // Sound but not supported: no conclusion, never valid.
         write("sha3-digest-unsupported.pdf", sealed("SHA3-256", signer_of(rsa_seal, kSign, EVP_sha3_256())));
         {
           issuer::Signer s = signer_of(under_not_ca);
           s.chain.push_back(not_ca.cert.get());
           write("issuer-not-a-ca.pdf", sealed("issuer is not a CA", s));
         }
         {
           issuer::Prepared p = issuer::prepare_signature(base("unsupported SubFilter"), with_data(), kSign);
           replace_same_length(p.bytes, find(p.bytes, "/adbe.pkcs7.detached"), "/adbe.x509.rsa_sha1 ");
           const auto r = p.exact_range();
           write("unsupported-subfilter.pdf", issuer::finish_signature(std::move(p), signer_of(seal), r));
         }
       }},
      {"signed attributes: CAdES, ESS signing-certificate-v2, contentType",
       [&] {
         // --- signed attributes: CAdES, ESS signing-certificate-v2, contentType ----
         {
           issuer::SignOptions cades = with_data();
           cades.sub_filter = "ETSI.CAdES.detached";
           write("genuine-cades.pdf",
                 issuer::sign_pdf(base("PAdES baseline, ETSI.CAdES.detached"), signer_of(seal), cades));
           issuer::Forgery no_ess;
           no_ess.omit_signing_certificate = true;
           write("genuine-cades-without-ess.pdf",
                 issuer::sign_pdf(base("CAdES without signing-certificate-v2"), signer_of(seal), cades, no_ess));
           // The attribute names another seal of the same, trusted PKI.
           issuer::Forgery swapped;
           swapped.bind_certificate = rsa_seal.cert.get();
           write("signing-certificate-other.pdf", forged("ESS binds another certificate", signer_of(seal), swapped));
           issuer::Forgery wrong_type;
           wrong_type.content_type_nid = NID_pkcs7_signed;
           write("content-type-mismatch.pdf", forged("signed contentType is not id-data", signer_of(seal), wrong_type));
         }
       }},
      {"a hybrid-reference file: a classic table whose trailer's /XRefStm",
       [&] {
         // --- a hybrid-reference file: a classic table whose trailer's /XRefStm
         // names an xref stream for the objects kept in an object stream (the
         // page tree and the font), then sealed by a classic incremental update.
         {
           std::string b = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n";
           std::map<int, std::size_t> off;
           auto obj = [&](int num, const std::string& body) {
             off[num] = b.size();
             b += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
           };
           obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
           obj(3,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
               ">> >> "
               ">>");
           obj(4, stream_obj("BT /F1 20 Tf 72 760 Td (hybrid-reference file: /XRefStm) Tj ET"));
           const std::string pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
           const std::string font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
           const std::string header = "2 0 5 " + std::to_string(pages.size() + 1) + " ";
           const std::string objects = pages + "\n" + font;
           obj(6, "<< /Type /ObjStm /N 2 /First " + std::to_string(header.size()) + " /Length " +
                      std::to_string(header.size() + objects.size()) + " >>\nstream\n" + header + objects +
                      "\nendstream");
           const std::string entries{'\x02', '\x00', '\x06', '\x00', '\x02', '\x00', '\x06', '\x01'};
           obj(7,
               "<< /Type /XRef /Size 8 /W [1 2 1] /Index [2 1 5 1] /Length 8 >>\nstream\n" + entries + "\nendstream");
           const std::size_t xref = b.size();
           auto line = [&](std::size_t o, const char* kind) {
             char l[32];
             std::snprintf(l, sizeof l, "%010zu %05d %s \n", o, kind[0] == 'f' ? 65535 : 0, kind);
             return std::string(l);
           };
           b += "xref\n0 2\n" + line(0, "f") + line(off[1], "n") + "3 2\n" + line(off[3], "n") + line(off[4], "n") +
                "6 2\n" + line(off[6], "n") + line(off[7], "n");
           b += "trailer\n<< /Size 8 /Root 1 0 R /XRefStm " + std::to_string(off[7]) + " >>\nstartxref\n" +
                std::to_string(xref) + "\n%%EOF\n";
           write("genuine-hybrid-xref.pdf", issuer::sign_pdf(bytes(b), signer_of(seal), with_data()));
         }
       }},
      {"SM2 seals (SignedData built by sm2_sign.cc)",
       [&] {
         // --- SM2 seals (SignedData built by sm2_sign.cc) ---------------------------
         {
           issuer::Signer s = signer_of(sm2_seal);
           write("genuine-sm2-pkcs7-oids.pdf", sealed("SM2 seal, PKCS#7 OIDs", s));
           s.sm2.gmt_oids = true;
           write("genuine-sm2-gmt-oids.pdf", sealed("SM2 seal, GM/T 0010 OIDs", s));
           s.sm2.id = "ALICE123@YAHOO.COM";  // signed with another distinguishing ID
           write("sm2-other-distinguishing-id.pdf", sealed("SM2 seal, another ID", s));
         }
       }},
      {"GB/T 38540 electronic seals (SES_Signature built by ses_sign.cc)",
       [&] {
         // --- GB/T 38540 electronic seals (SES_Signature built by ses_sign.cc) ---
         {
           issuer::SesSealSpec spec;
           spec.maker_cert = seal_maker.cert.get();
           spec.maker_key = seal_maker.key.get();
           spec.es_id = "TEST-ES-0001";
           spec.name = "中国拍卖行业协会电子印章（测试 TEST）";
           spec.created = spec.valid_start = kCaStart;
           spec.valid_end = kCaStart + 3 * 365 * kDay;
           spec.signers = {sm2_seal.cert.get()};
           auto ses = [&](const issuer::SesSealSpec& sp) {
             issuer::Signer s = signer_of(sm2_seal);
             s.ses_seal = issuer::make_seseal(sp);
             return s;
           };
           const Bytes genuine_ses = sealed("GB/T 38540 seal", ses(spec));
           write("genuine-gbt38540.pdf", genuine_ses);
           issuer::SesSealSpec digests = spec;
           digests.list_digests = true;
           write("genuine-gbt38540-cert-digests.pdf",
                 sealed("GB/T 38540 seal listing certificate digests", ses(digests)));
           // The document changed after sealing, in place (dataHash no longer matches).
           Bytes altered = genuine_ses;
           replace_same_length(altered, find(altered, "(GB/T 38540 seal)"), "(GB/T 38540 SEAL)");
           write("gbt38540-document-altered.pdf", altered);
           // The signer's signature made by another key than the certificate's.
           {
             issuer::Signer s = ses(spec);
             s.key = sm2_other.key.get();
             write("gbt38540-signature-bad.pdf", sealed("GB/T 38540 seal, signed by another key", s));
           }
           {
             issuer::Signer s = ses(spec);
             s.sm2.id = "ALICE123@YAHOO.COM";
             write("gbt38540-other-distinguishing-id.pdf", sealed("GB/T 38540 seal, another ID", s));
           }
           issuer::SesSealSpec expired = spec;
           expired.valid_end = kSign - kDay;
           write("gbt38540-seal-expired.pdf", sealed("GB/T 38540 seal, expired", ses(expired)));
           issuer::SesSealSpec later = spec;
           later.valid_start = kSign + kDay;
           write("gbt38540-seal-not-yet-valid.pdf", sealed("GB/T 38540 seal, not yet valid", ses(later)));
           issuer::SesSealSpec others = spec;
           others.signers = {sm2_other.cert.get()};
           write("gbt38540-signer-not-in-seal.pdf", sealed("GB/T 38540 seal of someone else", ses(others)));
           // The seal data signed by a key other than the maker certificate's.
           issuer::SesSealSpec forged = spec;
           forged.maker_key = sm2_other.key.get();
           write("gbt38540-maker-signature-bad.pdf", sealed("GB/T 38540 seal, forged maker signature", ses(forged)));
           issuer::SesSealSpec rogue = spec;
           rogue.maker_cert = rogue_maker.cert.get();
           rogue.maker_key = rogue_maker.key.get();
           write("gbt38540-maker-untrusted.pdf", sealed("GB/T 38540 seal, self-made", ses(rogue)));
           // The (trusted) signer as its own seal maker, naming the seal as it likes.
           issuer::SesSealSpec own = spec;
           own.maker_cert = sm2_seal.cert.get();
           own.maker_key = sm2_seal.key.get();
           own.name = "中华人民共和国人力资源和社会保障部电子印章（测试 TEST）";
           write("gbt38540-made-by-signer.pdf", sealed("GB/T 38540 seal made by its own user", ses(own)));
         }
       }},
      {"制发: the rules use when the seal was applied",
       [&] {
         // --- 制发: the rules use when the seal was applied -------------------------
         // Each case is written twice: sealed by our issuer, and (RSA twins) by the
         // external signer, @signpdf, from the same certificate data.
         {
           // A qualification granted in 2015, annotated and sealed by the ministry today.
           CertificateDocument d = ministry_2024(Annotation{"本人调用", "2025-05-20", "2025-08-17", "2025-05-20"});
           d.certificate.number = "TEST-2015-0003";
           d.certificate.approval_date = "2015-05-01";
           d.certificate.issue_date = "2015-06-20";
           both("genuine-ministry-qualification-2015-annotated.pdf", "2015 qualification, annotated 2025", d,
                ministry_seal, kSign, "ministry-seal", "2025-06-01T10:00:00+08:00");
           // The ministry's seal applied before 2021-12-17, when it was not yet in
           // use; and without an annotation, which its certificates always need.
           d.annotation.reset();
           both("ministry-seal-before-2021-12-17.pdf", "ministry seal, 2021", d, ministry_seal, kSign2021,
                "ministry-seal", "2021-06-01T10:00:00+08:00");
         }
         {
           // An association's e-certificate made in 2021: no annotation needed,
           // valid today though its seal certificate expired in 2022.
           const CertificateDocument d = association_2020(std::nullopt);
           both("genuine-association-sealed-2021-seal-since-expired.pdf", "association, sealed 2021", d, old_seal,
                kSign2021, "old-seal", "2021-06-01T10:00:00+08:00");
           // The same certificate sealed again after 2021-12-17 needs one.
           both("association-sealed-2025-no-annotation.pdf", "association, sealed 2025", d, seal, kSign, "seal",
                "2025-06-01T10:00:00+08:00");
           // A seal that states no time cannot show it was made before the day.
           issuer::Forgery timeless;
           timeless.omit_signing_time = true;
           write("no-signing-time-no-annotation.pdf",
                 forged("association, seal without a time", signer_of(seal), timeless, d));
           external("no-signing-time-no-annotation.pdf", with_attachment("seal without a time (external signer)", d),
                    "seal", "none");
           // ... nor that the ministry's seal was already in use.
           CertificateDocument m = ministry_2024(Annotation{"本人调用", "2025-05-01", "2025-07-29", "2025-05-01"});
           write("no-signing-time-ministry-seal.pdf",
                 forged("ministry seal without a time", signer_of(ministry_seal), timeless, m));
           external("no-signing-time-ministry-seal.pdf",
                    with_attachment("ministry seal without a time (external signer)", m), "ministry-seal", "none");
           // As PAdES and older PKCS#7 signers write seals (the external signer
           // only): no signingTime, the time in /M alone; no signed attributes
           // at all; and a /M that contradicts the signingTime.
           external("pades-time-in-m-only.pdf",
                    with_attachment("association 2021, time in /M only (external signer)", d), "old-seal",
                    "pades:2021-06-01T10:00:00+08:00");
           external("no-signed-attributes.pdf", with_attachment("ministry, no signed attributes (external signer)", m),
                    "ministry-seal", "noattrs:2025-06-01T10:00:00+08:00");
           external("m-contradicts-signing-time.pdf",
                    with_attachment("ministry, /M a month before the signingTime (external signer)", m),
                    "ministry-seal", "m-earlier:2025-06-01T10:00:00+08:00");
         }
         {
           // Times that contradict each other: the seal predates the annotation's
           // application, or the certificate's own issue date.
           const CertificateDocument early =
               association_2020(Annotation{"本人调用", "2025-05-01", "2025-07-29", "2025-06-02"});
           both("sealed-before-annotation-applied.pdf", "sealed before the application", early, seal, kSign, "seal",
                "2025-06-01T10:00:00+08:00");
           CertificateDocument future = association_2020();
           future.certificate.issue_date = "2025-06-10";
           both("sealed-before-issue-date.pdf", "sealed before the issue date", future, seal, kSign, "seal",
                "2025-06-01T10:00:00+08:00");
         }
       }},
      {"one reading of the certificate data",
       [&] {
         // --- one reading of the certificate data ----------------------------------
         // Attachments written by hand into an incremental update (objects 10..):
         // the certificate data under a UTF-16 name, twice under one decoded name,
         // under /F and /UF with different bytes, through filter chains, in a
         // name-tree node that also has /Kids.
         {
           const std::string good = to_json(association_2020());
           CertificateDocument other_doc = association_2020();
           other_doc.certificate.holder = "另一个人";
           const std::string other = to_json(other_doc);
           const std::string utf16_name = "<FEFF" + [] {
             std::string h;
             for (const char c : std::string(kCertificateAttachment)) {
               char b[8];
               std::snprintf(b, sizeof b, "00%02X", static_cast<unsigned char>(c));
               h += b;
             }
             return h;
           }() + ">";
           const std::string literal_name = "(" + std::string(kCertificateAttachment) + ")";
           auto tree = [&](const std::string& text, std::map<std::uint32_t, std::string> objects) {
             objects[1] = "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 10 0 R >> >>";
             return append_update(base(text), objects);
           };
           auto spec = [](const std::string& ef) {
             return "<< /Type /Filespec /F (" + std::string(kCertificateAttachment) + ") /EF << " + ef + " >> >>";
           };
           using testing::stream_body;
           auto emit = [&](const std::string& name, const std::string& text,
                           const std::map<std::uint32_t, std::string>& o) {
             write(name, issuer::sign_pdf(tree(text, o), signer_of(seal), issuer::SignOptions{}));
             external(name, tree(text + " (external signer)", o), "seal", "2025-06-01T10:00:00+08:00");
           };
           emit("genuine-attachment-name-utf16.pdf", "attachment named in UTF-16",
                {{10, "<< /Names [" + utf16_name + " 11 0 R] >>"},
                 {11, spec("/F 12 0 R /UF 12 0 R")},
                 {12, stream_body(good)}});
           emit("attachment-name-twice-decoded.pdf", "one name, two attachments",
                {{10, "<< /Names [" + literal_name + " 11 0 R " + utf16_name + " 13 0 R] >>"},
                 {11, spec("/F 12 0 R")},
                 {12, stream_body(good)},
                 {13, spec("/F 14 0 R")},
                 {14, stream_body(other)}});
           emit("attachment-ef-f-uf-differ.pdf", "/F and /UF differ",
                {{10, "<< /Names [" + literal_name + " 11 0 R] >>"},
                 {11, spec("/F 12 0 R /UF 13 0 R")},
                 {12, stream_body(good)},
                 {13, stream_body(other)}});
           emit("attachment-kids-and-names.pdf", "a node with /Kids and /Names",
                {{10, "<< /Kids [13 0 R] /Names [" + literal_name + " 11 0 R] >>"},
                 {13, "<< /Names [" + literal_name + " 14 0 R] >>"},
                 {11, spec("/F 12 0 R")},
                 {12, stream_body(good)},
                 {14, spec("/F 15 0 R")},
                 {15, stream_body(other)}});
           {
             const std::string a85 = testing::ascii85(testing::deflate(good));
             emit("genuine-attachment-ascii85-flate.pdf", "data as ASCII85 of Flate",
                  {{10, "<< /Names [" + literal_name + " 11 0 R] >>"},
                   {11, spec("/F 12 0 R")},
                   {12, stream_body(a85, "/Filter [/ASCII85Decode /FlateDecode]")}});
             std::string hex;
             for (const char c : good) {
               char b[4];
               std::snprintf(b, sizeof b, "%02x", static_cast<unsigned char>(c));
               hex += b;
             }
             emit("genuine-attachment-asciihex.pdf", "data as ASCIIHex",
                  {{10, "<< /Names [" + literal_name + " 11 0 R] >>"},
                   {11, spec("/F 12 0 R")},
                   {12, stream_body(hex + ">", "/Filter /ASCIIHexDecode")}});
             emit("attachment-lzw-unsupported.pdf", "data in an unsupported encoding",
                  {{10, "<< /Names [" + literal_name + " 11 0 R] >>"},
                   {11, spec("/F 12 0 R")},
                   {12, stream_body(good, "/Filter /LZWDecode")}});
           }
         }

         {
           // The sealed revision's trailer names two catalogs: pdf.js would show
           // the second (a document saying PAID), this reader the first.
           const Bytes two = append_update(base("trailer with two /Root"),
                                           {{20, "<< /Type /Catalog /Pages 21 0 R >>"},
                                            {21, "<< /Type /Pages /Kids [22 0 R] /Count 1 >>"},
                                            {22,
                                             "<< /Type /Page /Parent 21 0 R /MediaBox [0 0 595 842] /Contents 23 0 R "
                                             "/Resources << /Font << /F1 5 0 R >> >> >>"},
                                            {23, stream_obj("BT /F1 40 Tf 72 700 Td (PAID) Tj ET")}});
           issuer::Prepared p = issuer::prepare_signature(two, with_data(), kSign);
           const std::size_t root = find(p.bytes, "/Root ", find(p.bytes, "trailer", p.gap_end));
           const std::string extra = "/Root 20 0 R ";
           p.bytes.insert(p.bytes.begin() + static_cast<std::ptrdiff_t>(root), extra.begin(), extra.end());
           const auto r = p.exact_range();
           write("trailer-two-roots.pdf", issuer::finish_signature(std::move(p), signer_of(seal), r));
         }
       }},
      {"numbers and names in one canonical, visible form",
       [&] {
         // --- numbers and names in one canonical, visible form ---------------------
         {
           // The revoked number with a zero-width space: on screen it is the
           // revoked certificate, but it would miss its entry in the list.
           CertificateDocument zw = ministry_2024(Annotation{"本人调用", "2025-05-01", "2025-07-29", "2025-05-01"});
           zw.certificate.number = "TEST-2024-0099\u200b";
           both("certificate-number-zero-width.pdf", "number with a zero-width space", zw, ministry_seal, kSign,
                "ministry-seal", "2025-06-01T10:00:00+08:00");
           CertificateDocument sp = association_2020();
           sp.certificate.management_number = "TEST-M-0001\u3000";
           write("certificate-number-ideographic-space.pdf",
                 sealed("number with an ideographic space", signer_of(seal), sp));
           CertificateDocument bidi = association_2020();
           bidi.certificate.holder = "\u202e测试持证人";
           both("holder-name-bidi-override.pdf", "holder name with a direction override", bidi, seal, kSign, "seal",
                "2025-06-01T10:00:00+08:00");
         }
       }},
      {"several seals",
       [&] {
         // --- several seals -------------------------------------------------------
         // The last seal decides; every earlier one is reported beside it.
         {
           issuer::SignOptions second;
           second.field_name = "Seal2";
           write("genuine-sealed-twice.pdf", issuer::sign_pdf(genuine, signer_of(seal, kSign + 60), second));
           write("sealed-twice-last-untrusted.pdf",
                 issuer::sign_pdf(genuine, signer_of(other_seal, kSign + 60), second));
           write("sealed-twice-last-wrong-body.pdf",
                 issuer::sign_pdf(genuine, signer_of(ministry_seal, kSign + 60), second));
           const Bytes first_untrusted = sealed("first seal untrusted", signer_of(other_seal));
           write("genuine-sealed-twice-earlier-untrusted.pdf",
                 issuer::sign_pdf(first_untrusted, signer_of(seal, kSign + 60), second));
           // The earlier seal claims a time after the last one.
           const Bytes first_later = sealed("first seal dated later", signer_of(seal, kSign + 3600));
           write("genuine-sealed-twice-earlier-dated-later.pdf",
                 issuer::sign_pdf(first_later, signer_of(seal, kSign + 60), second));
           // The earlier seal's digest no longer matches its revision (one
           // byte of its page changed, then the whole sealed over): reported,
           // the last seal still vouches for what the file now says.
           Bytes broken = genuine;
           const std::size_t text = find(broken, "(genuine seal)");
           broken[text + 1] = 'G';
           write("genuine-sealed-twice-earlier-broken.pdf",
                 issuer::sign_pdf(broken, signer_of(seal, kSign + 60), second));
           // @signpdf as a second signer over our first seal: its placeholder
           // writer copies the catalog's /AcroForm and adds another, so the
           // catalog names two forms (refused: a viewer reads the other one).
           // pdfsig's second seal over the same file: generate.sh.
           external("signpdf-second-seal-duplicate-acroform.pdf", genuine, "seal", "2025-06-01T10:01:00+08:00");
         }
         // Shadow attacks across seals: the attacker reveals hidden content
         // after the authority's seal and seals again with another key.
         {
           const Bytes with_hidden = append_update(base("shadow: hide, reveal, reseal"),
                                                   {{6, stream_obj("BT /F1 20 Tf 72 600 Td (PAID) Tj ET")}});
           const Bytes hidden_sealed = issuer::sign_pdf(with_hidden, signer_of(seal), with_data());
           const Bytes revealed =
               append_update(hidden_sealed, {{3,
                                              "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R "
                                              "6 0 R] /Resources << /Font << /F1 5 0 R >> >> >>"}});
           issuer::SignOptions second;
           second.field_name = "Seal2";
           write("shadow-reveal-resealed-untrusted.pdf",
                 issuer::sign_pdf(revealed, signer_of(other_seal, kSign + 60), second));
           write("shadow-reveal-resealed-wrong-body.pdf",
                 issuer::sign_pdf(revealed, signer_of(ministry_seal, kSign + 60), second));
           // Sealed twice by the authority, then revealed: after the last seal.
           const Bytes twice = issuer::sign_pdf(hidden_sealed, signer_of(seal, kSign + 60), second);
           write("shadow-reveal-after-second-seal.pdf",
                 append_update(twice, {{3,
                                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 6 0 R] "
                                        "/Resources << /Font << /F1 5 0 R >> >> >>"}}));
         }
         // Wrapping across seals: a later signature dictionary that reuses
         // the first seal's /Contents and /ByteRange, or a range that skips
         // the first seal's /Contents while reaching the end.
         {
           const Layout l = layout(genuine);
           const std::string range = str(genuine).substr(l.range_pos, l.range_len);
           const std::string contents = str(genuine).substr(l.gap_start, l.gap_end - l.gap_start);
           write("wrapping-second-seal-copies-first.pdf",
                 append_update(genuine, {{40,
                                          "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
                                          "/ByteRange " +
                                              range + " /Contents " + contents + " >>"},
                                         {4, stream_obj("BT /F1 20 Tf 72 700 Td (PAID) Tj ET")}}));
           Bytes stretched =
               append_update(genuine, {{4, stream_obj("BT /F1 20 Tf 72 700 Td (PAID) Tj ET")},
                                       {40,
                                        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
                                        "/adbe.pkcs7.detached /ByteRange [0 " +
                                            std::to_string(l.gap_start) + " " + std::to_string(l.gap_end) +
                                            " 0000000000] /Contents " + contents + " >>"}});
           const std::string tail = std::to_string(stretched.size() - l.gap_end);
           const std::size_t zeros = find(stretched, "0000000000]");
           std::copy(tail.begin(), tail.end(),
                     stretched.begin() + static_cast<std::ptrdiff_t>(zeros + 10 - tail.size()));
           write("wrapping-second-range-skips-first-contents.pdf", stretched);
         }
       }},
      {"long-term validation data after the seal",
       [&] {
         // --- long-term validation data after the seal (PAdES B-LT, B-LTA) ------
         // Only a /DSS and document timestamps may follow the seal; the
         // document timestamps themselves come from `openssl ts`
         // (generate.sh). Shadow attacks hidden in such updates stay
         // "modified after sealing".
         const std::vector<Bytes> certs{issuer::certificate_der(seal.cert.get()),
                                        issuer::certificate_der(root.cert.get())};
         const std::string paid = stream_obj("BT /F1 20 Tf 72 700 Td (PAID) Tj ET");
         write("genuine-ltv-dss.pdf", with_dss(genuine, certs, 40));
         write("ltv-dss-also-changes-page-content.pdf", with_dss(genuine, certs, 40, {{4, paid}}));
         // Loose objects: a page no one refers to beside the DSS, and an
         // update of nothing but a loose object (no validation data at all).
         write(
             "ltv-dss-with-loose-page-object.pdf",
             with_dss(genuine, certs, 40,
                      {{60, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 61 0 R >>"}, {61, paid}}));
         write("ltv-update-without-validation-data.pdf", append_update(genuine, {{60, "(not validation data)"}}));
         write("ltv-dss-catalog-gains-open-action.pdf", with_dss(genuine, certs, 40, {}, "/OpenAction [3 0 R /Fit]"));
         {
           // A text field in the form, drawn over the page, in the DSS update.
           Bytes b = with_dss(genuine, certs, 40,
                              {{43,
                                "<< /FT /Tx /T (note) /V (PAID) /Type /Annot /Subtype /Widget /Rect [72 600 300 640] "
                                "/P 3 0 R >>"}});
           write("ltv-dss-adds-form-field.pdf",
                 append_update(b, {{1, catalog_with(b, "").replace(catalog_with(b, "").find("/Fields [7 0 R]"), 15,
                                                                   "/Fields [7 0 R 43 0 R]")}}));
         }
         {
           // The sealed page names an object the sealed revision never
           // defines; the DSS update defines it, and the page shows PAID.
           const Bytes dangling =
               append_update(base("ltv: dangling reference"),
                             {{3,
                               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 50 0 R] "
                               "/Resources << /Font << /F1 5 0 R >> >> >>"}});
           const Bytes sealed_dangling = issuer::sign_pdf(dangling, signer_of(seal), with_data());
           write("ltv-dss-fills-dangling-reference.pdf", with_dss(sealed_dangling, certs, 40, {{50, paid}}));
         }
         {
           // A document timestamp whose widget has an area (it could draw).
           const Identity tsa = make("tsa", "", false, 0, 0, "", nullptr);
           issuer::SignOptions o;
           o.field_name = "DocTimeStamp1";
           o.document_timestamp = true;
           o.rect = {72, 600, 300, 640};
           const Bytes dss = with_dss(genuine, certs, 40);
           issuer::Prepared p = issuer::prepare_signature(dss, o, std::nullopt);
           const auto br = p.exact_range();
           const Bytes placeholder = issuer::fill_contents(p, br, {});
           const std::string_view v(reinterpret_cast<const char*>(placeholder.data()), placeholder.size());
           const std::string covered = std::string(v.substr(0, static_cast<std::size_t>(br[1]))) +
                                       std::string(v.substr(static_cast<std::size_t>(br[2])));
           const Bytes token = issuer::timestamp_token(
               tsa.cert.get(), tsa.key.get(), {reinterpret_cast<const std::uint8_t*>(covered.data()), covered.size()},
               kSign + 3600);
           write("ltv-document-timestamp-widget-visible.pdf", issuer::fill_contents(std::move(p), br, token));
         }
       }},
      {"not a (whole, plain) PDF",
       [&] {
         // --- not a (whole, plain) PDF ---------------------------------------------
         {
           write("bytes-before-header.pdf", bytes("GARBAGE" + str(genuine)));
           Bytes t = genuine;
           t.resize(t.size() / 2);
           write("truncated.pdf", t);
           write(
               "encrypted.pdf",
               append_update(genuine, {{90, "<< /Filter /Standard /V 4 /R 4 /Length 128 /P -1340 /O <00> /U <00> >>"}},
                             " /Encrypt 90 0 R"));
           write("not-a-pdf.pdf", bytes("This is a plain text file pretending to be a PDF.\n"));
           write("empty.pdf", {});
         }
       }},
  };
  for (const auto& [name, make_family] : families) make_family();
  jobs.close();
  return 0;
}
