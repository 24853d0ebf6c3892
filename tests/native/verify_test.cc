// End to end through the core: PDFs sealed by our issuer code, then broken
// in the ways attackers and accidents break them.
#include "sealcheck/verify.h"
#include "sealcheck/limits.h"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/ec.h>
#include <openssl/ess.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "crypto/cms_check.h"
#include "crypto/der.h"
#include "crypto/ossl.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"
#include "issuer/publish.h"
#include "sealcheck/certificate.h"
#include "sealcheck/certs.h"
#include "sealcheck/time.h"
#include "sealcheck/trust_list.h"
#include "support/checks.h"
#include "support/cms_edit.h"

namespace sealcheck {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1763683200;  // 2025-11-21T08:00:00+08:00, pinned

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Pki {
  issuer::PkiPaths paths;
  ossl::X509Ptr seal;  // the association's seal: the sample certificate is theirs
  ossl::PKey key;
  Bytes root_der;
  RevocationInput revocations;  // an empty list signed by the root, all shards
  TrustListInput trust_list;    // every seal of the PKI, signed by the root
  ossl::PKey root_key{};        // signs the lists (and, in tests, more certificates)
};

Pki make_pki(const std::string& name, issuer::KeyAlgorithm algorithm = issuer::KeyAlgorithm::kEcdsaP256) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sealcheck-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Pki p{{dir.string()}, nullptr, nullptr, {}, {}};
  // Valid since 2021 so that seals can be dated before 2021-12-17.
  issuer::init_pki(p.paths, {kNow, algorithm, *parse_iso8601("2021-01-01")});
  issuer::LoadedSeal auction = issuer::load_seal(p.paths, "中国拍卖行业协会");
  p.seal = std::move(auction.cert);
  p.key = std::move(auction.key);
  FILE* f = nullptr;
  const std::string pem = slurp(p.paths.root_cert());
  p.root_der = parse_certificates({reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()}).at(0);
  f = std::fopen(p.paths.root_key().c_str(), "r");
  p.root_key.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  ossl::PKey& root_key = p.root_key;
  const auto list = issuer::build_revocation_list({}, {{"other", "其他", "other"}}, 1, kNow - 86400, kNow + 30 * 86400,
                                                  root_key.get());
  p.revocations = {list.manifest, list.signature, {}, 0};
  p.trust_list = issuer::build_trust_list(issuer::demo_trust_list(p.paths, 1, kNow - 86400), root_key.get());
  const auto m = parse_revocation_manifest(list.manifest);
  for (std::size_t i = 0; i < kShardCount; ++i) p.revocations.shards[i] = list.files.at(m->shard_files[i]);
  return p;
}

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_pki = new Pki(make_pki("a"));
    s_other = new Pki(make_pki("b"));
  }
  static void TearDownTestSuite() {
    fs::remove_all(s_pki->paths.dir);
    fs::remove_all(s_other->paths.dir);
    delete s_pki;
    delete s_other;
  }

  static issuer::Signer signer(std::int64_t signing_time = kNow) {
    issuer::Signer s;
    s.cert = s_pki->seal.get();
    s.key = s_pki->key.get();
    s.signing_time = signing_time;
    return s;
  }

  static Bytes sealed(std::int64_t signing_time = kNow, const EVP_MD* md = nullptr) {
    issuer::Signer s = signer(signing_time);
    s.digest = md;
    return issuer::make_signed_sample("certificate", s);
  }

  // A sealed sample whose signature dictionary's /M is rewritten by `edit`
  // before sealing (so the seal covers the result), with or without the
  // signingTime attribute.
  static Bytes sealed_with_m(const std::function<void(std::string&)>& edit, bool signing_time_attribute) {
    const issuer::Signer s = signer();
    issuer::SignOptions o;
    o.attachment = issuer::sample_certificate_attachment(kNow);
    issuer::Prepared p = issuer::prepare_signature(issuer::make_unsigned_sample("m date"), o, kNow);
    std::string text(p.bytes.begin(), p.bytes.end());
    const std::size_t size = text.size();
    edit(text);
    EXPECT_EQ(text.size(), size) << "the edit must keep every offset";
    p.bytes.assign(text.begin(), text.end());
    const auto range = p.exact_range();
    issuer::Forgery f;
    f.omit_signing_time = !signing_time_attribute;
    return issuer::finish_signature(std::move(p), s, range, f);
  }

  static Report check(const Bytes& pdf, bool trusted = true) {
    VerifyOptions o = options();
    if (!trusted) o.trust_anchors.clear();
    return verify_pdf(pdf, o);
  }
  static VerifyOptions options(std::int64_t at = kNow + 3600) {
    VerifyOptions o;
    o.trust_anchors.push_back(s_pki->root_der);
    o.validation_time = at;
    o.revocation = s_pki->revocations;
    o.trust_list = s_pki->trust_list;
    return o;
  }

  static const Check& get(const Report& r, CheckId id) {
    if (const Check* c = testing::find_check(r.checks, id)) return *c;
    throw std::runtime_error("no check " + std::string(to_string(id)));
  }

  static inline Pki* s_pki = nullptr;
  static inline Pki* s_other = nullptr;
};

TEST_F(VerifyTest, GenuineSealIsValid) {
  const Report r = check(sealed());
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  ASSERT_TRUE(r.seal.has_value());
  EXPECT_NE(r.seal->signer.find("中国拍卖行业协会"), std::string::npos);
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:00:00+08:00");
  EXPECT_EQ(r.seal->algorithm, "SHA256 with ECDSA");
  EXPECT_EQ(r.seal->coverage, "entire-file");
  EXPECT_EQ(r.validation_time, "2025-11-21T09:00:00+08:00");
}

TEST(VerifyRsa, GenuineRsaSealIsValid) {
  Pki pki = make_pki("rsa", issuer::KeyAlgorithm::kRsa);
  issuer::Signer s;
  s.cert = pki.seal.get();
  s.key = pki.key.get();
  s.signing_time = kNow;
  VerifyOptions o;
  o.trust_anchors.push_back(pki.root_der);
  o.validation_time = kNow;
  o.revocation = pki.revocations;
  o.trust_list = pki.trust_list;
  const Report r = verify_pdf(issuer::make_signed_sample("rsa", s), o);
  fs::remove_all(pki.paths.dir);
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "rsa");
  EXPECT_EQ(r.seal->algorithm, "SHA256 with RSA");
}

void replace_at(std::string& text, std::string_view what, std::string_view with) {
  const std::size_t at = text.find(what);
  ASSERT_NE(at, std::string::npos) << what;
  text.replace(at, what.size(), with);
}

// PAdES signers write no signingTime; the /M they write is covered by the
// seal and is then the seal's (claimed) time.
TEST_F(VerifyTest, TheDictionarysMIsTheTimeWhenTheSealStatesNone) {
  const Report r = check(sealed_with_m([](std::string&) {}, false));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:00:00+08:00");
  EXPECT_EQ(r.seal->time_source, "signature-dictionary");
  EXPECT_EQ(testing::find_check(r.checks, CheckId::kSigningTime), nullptr);
}

TEST_F(VerifyTest, TheSignedAttributeIsTheTimeWhenMAgrees) {
  // /M two minutes after signingTime: the same moment, written twice.
  const Report r = check(
      sealed_with_m([](std::string& t) { replace_at(t, "/M (D:20251121000000Z", "/M (D:20251121000200Z"); }, true));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:00:00+08:00");
  EXPECT_EQ(r.seal->time_source, "signingTime");
}

TEST_F(VerifyTest, AZonelessMAgreesWithinAnyTimeZone) {
  // UTC digits without a zone: read as Beijing time they are eight hours
  // early, which some zone's local time explains.
  const Report r = check(
      sealed_with_m([](std::string& t) { replace_at(t, "/M (D:20251121000000Z)", "/M (D:20251121000000) "); }, true));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:00:00+08:00");
}

// Two statements of the seal's time that disagree: neither is chosen.
TEST_F(VerifyTest, ASignedAttributeAndAnMThatDisagreeLeaveTheTimeUnknown) {
  for (const char* m : {"/M (D:20991121000000Z", "/M (D:20251123000000Z"}) {
    const Report r = check(sealed_with_m([&](std::string& t) { replace_at(t, "/M (D:20251121000000Z", m); }, true));
    EXPECT_EQ(r.verdict(), Verdict::kIndeterminate) << to_json(r, "x");
    EXPECT_EQ(get(r, CheckId::kSigningTime).code, Code::kSealTimesDisagree);
    EXPECT_EQ(r.seal->signed_at, "");
    EXPECT_EQ(r.seal->time_source, "");
  }
  // Zoneless, two days apart: no zone explains that.
  const Report r = check(
      sealed_with_m([](std::string& t) { replace_at(t, "/M (D:20251121000000Z)", "/M (D:20251123000000) "); }, true));
  EXPECT_EQ(get(r, CheckId::kSigningTime).code, Code::kSealTimesDisagree);
}

TEST_F(VerifyTest, AnMThatIsNoDateIsNoStatementOfTime) {
  const Report r = check(
      sealed_with_m([](std::string& t) { replace_at(t, "/M (D:20251121000000Z", "/M (D:2025112100000xZ"); }, true));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->time_source, "signingTime");
}

TEST_F(VerifyTest, ReportsWhereTheSealIsOnThePage) {
  const issuer::Signer s = signer();
  issuer::SignOptions o;
  o.attachment = issuer::sample_certificate_attachment(kNow);
  o.rect = {400.4, 200.6, 532.2, 333};  // rounded outward
  const Report r = check(issuer::sign_pdf(issuer::make_unsigned_sample("seal position"), s, o));
  ASSERT_TRUE(r.seal.has_value());
  EXPECT_EQ(r.seal->page, 1u);
  ASSERT_TRUE(r.seal->rect.has_value());
  EXPECT_EQ(*r.seal->rect, (std::array<std::int64_t, 4>{400, 200, 533, 333}));
  EXPECT_NE(to_json(r, "x").find(R"("page":1,"rect":[400,200,533,333])"), std::string::npos);

  // An invisible seal: a zero rectangle, still on page 1.
  const Report invisible = check(sealed());
  EXPECT_EQ(invisible.seal->rect, (std::array<std::int64_t, 4>{0, 0, 0, 0}));
}

// SM2 seals in GM/T 0010 form are not checked yet: no conclusion, never
// "forged"; anything else that is not SignedData is unparseable (invalid).
TEST_F(VerifyTest, GmtSignedDataWithoutSm2IsUnsupportedNotForged) {
  // A real (ECDSA, SHA-256) SignedData, re-wrapped under GM/T 0010's OID:
  // read as an SM2 seal, whose algorithms it does not have.
  const Bytes der = issuer::sign_detached({"covered"}, signer());
  const std::size_t header = der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2;
  const Bytes inner(der.begin() + static_cast<std::ptrdiff_t>(header) + 11, der.end());  // the [0] TLV
  auto wrap = [&](const Bytes& oid) {
    Bytes body = {0x06, static_cast<std::uint8_t>(oid.size())};
    body.insert(body.end(), oid.begin(), oid.end());
    body.insert(body.end(), inner.begin(), inner.end());
    Bytes out = {0x30, 0x82, static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
    out.insert(out.end(), body.begin(), body.end());
    return out;
  };
  CmsInput in;
  const Bytes gmt = wrap({0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x02});
  in.cms_der = gmt;
  const CmsOutcome out = check_cms(in);
  ASSERT_FALSE(out.checks.empty());
  EXPECT_EQ(out.checks[0].code, Code::kDigestUnsupported);
  EXPECT_FALSE(is_invalid(out.checks[0].code));
  const Bytes other = wrap({0x2a, 0x03});  // another content type
  in.cms_der = other;
  EXPECT_EQ(check_cms(in).checks[0].code, Code::kCmsUnparseable);
}

TEST_F(VerifyTest, SealDatedAfterTheValidationTimeIsIndeterminate) {
  const Report r = check(sealed(kNow + 86400));  // validated at kNow + 1 h
  EXPECT_EQ(r.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(r, CheckId::kSigningTime).code, Code::kSigningTimeInFuture);
  EXPECT_EQ(check(sealed(kNow + 3600 + 299)).verdict(), Verdict::kValid);  // within the skew allowance
}

TEST_F(VerifyTest, NoAnchorsIsIndeterminate) {
  const Report r = check(sealed(), false);
  EXPECT_EQ(r.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(r, CheckId::kTrust).code, Code::kNoTrustAnchors);
}

// Every demo PKI names its root alike: trusting one and meeting a seal from
// another is meeting a certificate that claims the trusted authority as
// issuer with a key we do not know -- a forgery, or a seal from before the
// authority re-keyed: never valid, and not called forged. (An unrelated
// root gives "untrusted": tests/corpus/files/untrusted-root.pdf.)
TEST_F(VerifyTest, SameNamedRootWithAnotherKeyIsNeverValid) {
  VerifyOptions o;
  o.trust_anchors.push_back(s_other->root_der);
  o.validation_time = kNow;
  o.revocation = s_other->revocations;
  o.trust_list = s_other->trust_list;
  const Report r = verify_pdf(sealed(), o);
  EXPECT_EQ(r.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(r, CheckId::kTrust).code, Code::kChainUnknownAuthorityKey);
}

// Trust anchors are parsed once per set and remembered: a changed set is
// read afresh, in either direction, within one process.
TEST_F(VerifyTest, ChangingTheAnchorsBetweenFilesChangesTheChain) {
  const Bytes pdf = sealed();
  VerifyOptions other = options();
  other.trust_anchors = {s_other->root_der};
  VerifyOptions both = options();
  both.trust_anchors.push_back(s_other->root_der);
  EXPECT_EQ(get(verify_pdf(pdf, options()), CheckId::kTrust).code, Code::kChainTrusted);
  EXPECT_EQ(get(verify_pdf(pdf, other), CheckId::kTrust).code, Code::kChainUnknownAuthorityKey);
  EXPECT_EQ(get(verify_pdf(pdf, both), CheckId::kTrust).code, Code::kChainTrusted);
  EXPECT_EQ(get(verify_pdf(pdf, other), CheckId::kTrust).code, Code::kChainUnknownAuthorityKey);
  EXPECT_EQ(get(verify_pdf(pdf, options()), CheckId::kTrust).code, Code::kChainTrusted);
}

TEST_F(VerifyTest, IncrementalUpdateAfterSealingIsInvalid) {
  Bytes pdf = sealed();
  const std::string update = "7 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>\nendobj\n%%EOF\n";
  pdf.insert(pdf.end(), update.begin(), update.end());
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCoverage).code, Code::kTailUncovered);
  // The seal itself is still genuine: the report says so too.
  EXPECT_EQ(get(r, CheckId::kCms).status, Status::kPass);
}

TEST_F(VerifyTest, ChangedByteIsInvalid) {
  Bytes pdf = sealed();
  const std::string text(pdf.begin(), pdf.end());
  pdf[text.find("certificate")] = 'C';
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCms).code, Code::kDigestMismatch);
}

TEST_F(VerifyTest, Sha1IsRejectedAsWeak) {
  const Report r = check(sealed(kNow, EVP_sha1()));
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kAlgorithm).code, Code::kDigestWeak);
}

TEST_F(VerifyTest, SignedAfterCertificateExpiredIsInvalid) {
  const std::int64_t later = kNow + 6LL * 365 * 86400;  // seal cert lasts 5 years
  const Report r = verify_pdf(sealed(later), options(later));
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kTrust).code, Code::kCertExpiredAtSigning);
}

TEST_F(VerifyTest, ZeroedContentsIsInvalid) {
  Bytes pdf = sealed();
  std::string text(pdf.begin(), pdf.end());
  const std::size_t open = text.find("/Contents <") + 11;
  const std::size_t close = text.find('>', open);
  std::fill(pdf.begin() + static_cast<std::ptrdiff_t>(open), pdf.begin() + static_cast<std::ptrdiff_t>(close), '0');
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCoverage).code, Code::kContentsMalformed);
}

TEST_F(VerifyTest, GarbledContentsIsInvalid) {
  Bytes pdf = sealed();
  std::string text(pdf.begin(), pdf.end());
  const std::size_t open = text.find("/Contents <") + 11;
  pdf[open] = 'f';  // the DER tag byte 0x30 becomes 0xf0
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCms).code, Code::kCmsUnparseable);
}

TEST_F(VerifyTest, TruncatedFileIsInvalid) {
  Bytes pdf = sealed();
  pdf.resize(pdf.size() - 100);
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCoverage).code, Code::kByteRangeMalformed);
}

TEST_F(VerifyTest, BadInputsGetAVerdictWithAReason) {
  EXPECT_EQ(get(check({}), CheckId::kInput).code, Code::kEmptyFile);
  const std::string junk = "hello, this is not a PDF";
  EXPECT_EQ(get(check(Bytes(junk.begin(), junk.end())), CheckId::kInput).code, Code::kNotPdf);
  Bytes prefixed = sealed();
  const std::string garbage = "GARBAGE";
  prefixed.insert(prefixed.begin(), garbage.begin(), garbage.end());
  const Report r = check(prefixed);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kInput).code, Code::kBytesBeforeHeader);
  const std::string unsigned_pdf =
      "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n"
      "trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n";
  const Report u = check(Bytes(unsigned_pdf.begin(), unsigned_pdf.end()));
  EXPECT_EQ(get(u, CheckId::kStructure).code, Code::kStructureOk);
  EXPECT_EQ(get(u, CheckId::kSignature).code, Code::kNoSignature);
  EXPECT_EQ(u.verdict(), Verdict::kInvalid);
  const std::string broken = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n";
  EXPECT_EQ(get(check(Bytes(broken.begin(), broken.end())), CheckId::kStructure).code, Code::kStructureUnreadable);
}

TEST_F(VerifyTest, SecondSignatureIsNeverValid) {
  Bytes pdf = sealed();
  const std::string update = "8 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /Contents <00> >>\nendobj\n";
  pdf.insert(pdf.end(), update.begin(), update.end());
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kCoverage).code, Code::kTailUncovered);
}

// A CRL of the test PKI's root, listing `serial` (when given) revoked at
// `revoked_at` for `reason`: made with OpenSSL's API here, not by the code
// under test.
Bytes root_crl(const Pki& pki, const ASN1_INTEGER* serial, std::int64_t revoked_at, int reason) {
  const unsigned char* p = pki.root_der.data();
  ossl::X509Ptr root(d2i_X509(nullptr, &p, static_cast<long>(pki.root_der.size())));
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_CRL_set_issuer_name(crl, X509_get_subject_name(root.get()));
  ASN1_TIME* now = ASN1_TIME_set(nullptr, static_cast<time_t>(kNow));
  X509_CRL_set1_lastUpdate(crl, now);
  if (serial != nullptr) {
    X509_REVOKED* r = X509_REVOKED_new();
    ASN1_TIME* at = ASN1_TIME_set(nullptr, static_cast<time_t>(revoked_at));
    ASN1_INTEGER* number = ASN1_INTEGER_dup(serial);
    X509_REVOKED_set_serialNumber(r, number);  // copies it
    ASN1_INTEGER_free(number);
    X509_REVOKED_set_revocationDate(r, at);
    ASN1_ENUMERATED* e = ASN1_ENUMERATED_new();
    ASN1_ENUMERATED_set(e, reason);
    X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, e, 0, 0);
    ASN1_ENUMERATED_free(e);
    ASN1_TIME_free(at);
    X509_CRL_add0_revoked(crl, r);
  }
  X509_CRL_sort(crl);
  X509_CRL_sign(crl, pki.root_key.get(), EVP_sha256());
  unsigned char* der = nullptr;
  const int n = i2d_X509_CRL(crl, &der);
  Bytes out(der, der + n);
  OPENSSL_free(der);
  ASN1_TIME_free(now);
  X509_CRL_free(crl);
  return out;
}

TEST_F(VerifyTest, ACrlInRevocationInfoArchivalIsRead) {
  // Adobe's signed attribute: the seal's own CRLs, signed with it.
  issuer::Signer revoked = signer();
  revoked.archived_crls.push_back(root_crl(*s_pki, X509_get0_serialNumber(s_pki->seal.get()), kNow - 86400, 1));
  Report r = check(issuer::make_signed_sample("archived CRL", revoked));
  EXPECT_EQ(r.verdict(), Verdict::kInvalid) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kSealRevocation).code, Code::kSealCertRevoked);
  EXPECT_NE(get(r, CheckId::kSealRevocation).detail.find("reason 1"), std::string::npos);
  // Revoked an hour after the seal, superseded: a warning only.
  issuer::Signer later = signer();
  later.archived_crls.push_back(root_crl(*s_pki, X509_get0_serialNumber(s_pki->seal.get()), kNow + 3600, 4));
  r = check(issuer::make_signed_sample("archived CRL, revoked later", later));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kSealRevocation).status, Status::kWarn);
  EXPECT_EQ(get(r, CheckId::kSealRevocation).code, Code::kSealCertRevokedSince);
  // A CRL of the right authority that does not list the seal.
  issuer::Signer clean = signer();
  clean.archived_crls.push_back(root_crl(*s_pki, nullptr, 0, 0));
  r = check(issuer::make_signed_sample("archived CRL, not listed", clean));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kSealRevocation).code, Code::kSealCertNotRevoked);
  // Another PKI's CRL (same serial listed) is not the seal's authority's.
  issuer::Signer foreign = signer();
  foreign.archived_crls.push_back(root_crl(*s_other, X509_get0_serialNumber(s_pki->seal.get()), kNow - 86400, 1));
  r = check(issuer::make_signed_sample("archived CRL of another PKI", foreign));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(testing::find_check(r.checks, CheckId::kSealRevocation), nullptr);
}

TEST_F(VerifyTest, OnlySoManyEarlierSealsAreVerified) {
  // Sealed eleven times, a second apart: the last decides, the first
  // limits::kMaxEarlierSealsChecked earlier ones are verified, the rest
  // listed as not checked (each would hash the file again).
  Bytes pdf = sealed();
  for (int i = 2; i <= 11; ++i) {
    issuer::SignOptions o;
    o.field_name = "Seal" + std::to_string(i);
    pdf = issuer::sign_pdf(pdf, signer(kNow + i), o);
  }
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:00:11+08:00");
  ASSERT_EQ(r.earlier_seals.size(), 10u);
  for (std::size_t i = 0; i < r.earlier_seals.size(); ++i) {
    const EarlierSeal& e = r.earlier_seals[i];
    EXPECT_EQ(e.index, i + 1);
    EXPECT_EQ(e.field, "Seal" + std::to_string(i + 1));
    EXPECT_EQ(e.revision, i + 2);  // revision 1 is the unsealed sample
    const bool checked = i < limits::kMaxEarlierSealsChecked;
    EXPECT_EQ(e.verifies, checked) << i;
    EXPECT_EQ(e.code, checked ? Code::kOk : Code::kNotChecked) << i;
  }
  EXPECT_EQ(get(r, CheckId::kEarlierSeals).status, Status::kWarn);
  EXPECT_NE(get(r, CheckId::kEarlierSeals).detail.find("earlier seal 9 (field Seal9): not-checked"), std::string::npos)
      << get(r, CheckId::kEarlierSeals).detail;
}

TEST_F(VerifyTest, WithoutARevocationListAGenuineSealIsOnlyIndeterminate) {
  VerifyOptions o = options();
  o.revocation.reset();
  const Report r = verify_pdf(sealed(), o);
  EXPECT_EQ(r.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(r, CheckId::kRevocation).code, Code::kRevocationListMissing);
  EXPECT_EQ(r.revocation->status, "unknown");
}

TEST_F(VerifyTest, TheRightSealForTheIssuingBody) {
  // Without the trust list the seal cannot be matched to the body.
  VerifyOptions o = options();
  o.trust_list.reset();
  Report r = verify_pdf(sealed(), o);
  EXPECT_EQ(r.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(r, CheckId::kSealPolicy).code, Code::kTrustListMissing);
  // The association's certificate sealed with the ministry's seal.
  issuer::LoadedSeal ministry = issuer::load_seal(s_pki->paths, "ministry");
  issuer::Signer s;
  s.cert = ministry.cert.get();
  s.key = ministry.key.get();
  s.signing_time = kNow;
  r = check(issuer::make_signed_sample("wrong seal", s));
  EXPECT_EQ(r.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(r, CheckId::kSealPolicy).code, Code::kSealWrongBody);
  // The right body's seal, but for a qualification it does not seal.
  {
    issuer::Signer own;
    own.cert = s_pki->seal.get();
    own.key = s_pki->key.get();
    own.signing_time = kNow;
    issuer::SignOptions so;
    so.attachment = issuer::sample_certificate_attachment(kNow);
    const std::string from = "\"qualification\":\"拍卖师\"", to = "\"qualification\":\"税务师\"";
    so.attachment->data.replace(so.attachment->data.find(from), from.size(), to);
    r = check(issuer::sign_pdf(issuer::make_unsigned_sample("other qualification"), own, so));
    EXPECT_EQ(get(r, CheckId::kSealPolicy).code, Code::kSealNotForQualification);
  }
  // The ministry's seal applied before 2021-12-17, when it was not yet in
  // use; and the same certificate (a qualification of 2020) annotated and
  // sealed now, which is how old certificates are handed out today.
  {
    CertificateDocument d;
    d.certificate = {"OLD-1",      "M-1", "张三",     "男",         "居民身份证", "1101**********1234",
                     "一级建造师", "",    "建筑工程", "2020-04-01", "2020-05-01", "中华人民共和国人力资源和社会保障部"};
    issuer::SignOptions so;
    so.attachment = issuer::Attachment{std::string(kCertificateAttachment), "application/json", to_json(d)};
    issuer::Signer early = s;
    early.signing_time = *parse_iso8601("2021-12-16T23:59:59+08:00");
    r = check(issuer::sign_pdf(issuer::make_unsigned_sample("too early"), early, so));
    EXPECT_EQ(get(r, CheckId::kSealPolicy).code, Code::kSealNotYetAuthoritative);
    EXPECT_EQ(get(r, CheckId::kAnnotation).code, Code::kAnnotationMissing);
    d.annotation = Annotation{"本人调用", "2025-11-21", "2026-02-18", "2025-11-21"};
    so.attachment->data = to_json(d);
    r = check(issuer::sign_pdf(issuer::make_unsigned_sample("annotated today"), s, so));
    EXPECT_EQ(get(r, CheckId::kSealPolicy).code, Code::kSealAuthorized);
    EXPECT_EQ(get(r, CheckId::kAnnotation).code, Code::kAnnotationValid);
    EXPECT_EQ(r.verdict(), Verdict::kValid);
  }
  // A trust list signed by someone else is ignored.
  o = options();
  o.trust_list->signature = s_other->trust_list.signature;
  EXPECT_EQ(get(verify_pdf(sealed(), o), CheckId::kSealPolicy).code, Code::kTrustListBadSignature);
}

using testing::with_cms_edited;

// A signer certificate with no keyUsage extension at all is unrestricted
// (RFC 5280 4.2.1.3): accepted, and said -- not "wrong key usage".
TEST_F(VerifyTest, ASignerWithoutKeyUsageIsUnrestricted) {
  const unsigned char* q = s_pki->root_der.data();
  ossl::X509Ptr root(d2i_X509(nullptr, &q, static_cast<long>(s_pki->root_der.size())));
  ossl::PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("seal without keyUsage"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(root.get()));
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(kNow - 86400));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(kNow + 365 * 86400));
  X509_set_pubkey(cert.get(), key.get());
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, root.get(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] :
       {std::pair{NID_authority_key_identifier, "keyid:always"}, std::pair{NID_subject_key_identifier, "hash"},
        std::pair{NID_basic_constraints, "CA:FALSE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    ASSERT_NE(ext, nullptr);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  ASSERT_GT(X509_sign(cert.get(), s_pki->root_key.get(), EVP_sha256()), 0);
  issuer::Signer s;
  s.cert = cert.get();
  s.key = key.get();
  s.signing_time = kNow;
  const Report r = check(issuer::make_signed_sample("no key usage", s));
  EXPECT_EQ(get(r, CheckId::kTrust).code, Code::kChainTrusted) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kKeyUsage).status, Status::kWarn);
  EXPECT_EQ(get(r, CheckId::kKeyUsage).code, Code::kKeyUsageAbsent);
}

// BSI TR-03111 plain ECDSA (r || s and the ecdsa-plain-SHA256 OID) is a
// genuine seal, not a broken one.
TEST_F(VerifyTest, PlainEcdsaSignatureValuesVerify) {
  auto to_plain = [](const char* oid) {
    return [oid](CMS_ContentInfo* cms) {
      CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
      X509_ALGOR* sig_alg = nullptr;
      CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &sig_alg);
      X509_ALGOR_set0(sig_alg, OBJ_txt2obj(oid, 1), V_ASN1_UNDEF, nullptr);
      ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
      const unsigned char* q = ASN1_STRING_get0_data(sig);
      ECDSA_SIG* pair = d2i_ECDSA_SIG(nullptr, &q, ASN1_STRING_length(sig));
      ASSERT_NE(pair, nullptr);
      unsigned char raw[64];
      BN_bn2binpad(ECDSA_SIG_get0_r(pair), raw, 32);
      BN_bn2binpad(ECDSA_SIG_get0_s(pair), raw + 32, 32);
      ECDSA_SIG_free(pair);
      ASN1_OCTET_STRING_set(sig, raw, sizeof raw);
    };
  };
  const Report r = check(with_cms_edited(sealed(), to_plain("0.4.0.127.0.7.1.1.4.1.3")));
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  // The plain OID naming another digest than the SignerInfo's: refused.
  EXPECT_EQ(get(check(with_cms_edited(sealed(), to_plain("0.4.0.127.0.7.1.1.4.1.4"))), CheckId::kCms).code,
            Code::kSignatureBad);
  // r || s without the plain OID is not read as one.
  EXPECT_EQ(get(check(with_cms_edited(sealed(),
                                      [&](CMS_ContentInfo* cms) {
                                        to_plain("0.4.0.127.0.7.1.1.4.1.3")(cms);
                                        CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
                                        X509_ALGOR* sig_alg = nullptr;
                                        CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &sig_alg);
                                        X509_ALGOR_set0(sig_alg, OBJ_nid2obj(NID_ecdsa_with_SHA256), V_ASN1_UNDEF,
                                                        nullptr);
                                      })),
                CheckId::kCms)
                .code,
            Code::kSignatureBad);
}

// A /ByteRange whose gap is only the hex digits of /Contents (its '<' and
// '>' signed) leaves nothing unsigned but the signature either.
TEST_F(VerifyTest, AGapOfOnlyTheHexDigitsIsTheContentsToo) {
  issuer::SignOptions o;
  o.attachment = issuer::sample_certificate_attachment(kNow);
  issuer::Prepared p = issuer::prepare_signature(issuer::make_unsigned_sample("digits only"), o, kNow);
  const auto range = p.exact_range();
  // [0 a b c] -> [0 a+1 b-1 c+1]: '<' and '>' inside the signed ranges.
  const Bytes pdf =
      issuer::finish_signature(std::move(p), signer(), {range[0], range[1] + 1, range[2] - 1, range[3] + 1});
  const Report r = check(pdf);
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(r.seal->coverage, "entire-file");
}

// The trust list's record of a seal's lifecycle, judged against the seal's
// time (here its own claim: a signingTime attribute).
class SealLifecycleTest : public VerifyTest {
 protected:
  // The PKI's trust list with the auction seal's entry given `until` and
  // `compromised_at`, signed by the root like the real one.
  static TrustListInput list_with(const std::string& until, const std::string& compromised_at) {
    TrustList t = issuer::demo_trust_list(s_pki->paths, 2, kNow - 86400);
    const std::string fp = fingerprint_of(s_pki->seal.get());
    bool found = false;
    for (TrustedSeal& e : t.seals) {
      if (e.certificate_sha256 != fp) continue;
      e.until = until;
      e.compromised_at = compromised_at;
      found = true;
    }
    EXPECT_TRUE(found);
    return issuer::build_trust_list(t, s_pki->root_key.get());
  }
  static std::string fingerprint_of(X509* cert) {
    unsigned char* der = nullptr;
    const int len = i2d_X509(cert, &der);
    std::string out = to_hex(sha256({der, static_cast<std::size_t>(len)}));
    OPENSSL_free(der);
    return out;
  }
  static Report judge(const Bytes& pdf, const std::string& until, const std::string& compromised_at) {
    VerifyOptions o = options();
    o.trust_list = list_with(until, compromised_at);
    return verify_pdf(pdf, o);
  }
};

TEST_F(SealLifecycleTest, ARetiredSealIsTheBodysUpToItsRetirement) {
  // Sealed at kNow (2025-11-21T08:00+08:00).
  const Bytes pdf = sealed();
  EXPECT_EQ(judge(pdf, "2025-11-21T08:00:00+08:00", "").verdict(), Verdict::kValid);
  const Report after = judge(pdf, "2025-11-21T07:59:59+08:00", "");
  EXPECT_EQ(after.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(after, CheckId::kSealPolicy).code, Code::kSealRetired);
  // A seal without a time cannot be placed before the retirement.
  issuer::Forgery no_time;
  no_time.omit_signing_time = true;
  issuer::SignOptions with_data;
  with_data.attachment = issuer::sample_certificate_attachment(kNow);
  const Bytes timeless = issuer::sign_pdf(issuer::make_unsigned_sample("no time"), signer(), with_data, no_time);
  EXPECT_EQ(get(judge(timeless, "2026-01-01", ""), CheckId::kSealPolicy).code, Code::kSealTimeUnknown);
}

TEST_F(SealLifecycleTest, ACompromisedSealIsNeverValidOnItsOwnClaim) {
  const Bytes pdf = sealed();
  // Sealed after the leak: invalid.
  const Report after = judge(pdf, "", "2025-11-01");
  EXPECT_EQ(after.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(after, CheckId::kSealPolicy).code, Code::kSealCompromised);
  EXPECT_NE(get(after, CheckId::kSealPolicy).detail.find("2025-11-01T00:00:00+08:00"), std::string::npos);
  // Sealed exactly at the leak: after it.
  EXPECT_EQ(get(judge(pdf, "", "2025-11-21T08:00:00+08:00"), CheckId::kSealPolicy).code, Code::kSealCompromised);
  // Claiming a time before the leak: that claim is what a thief would make.
  const Report before = judge(pdf, "", "2025-12-01");
  EXPECT_EQ(before.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(before, CheckId::kSealPolicy).code, Code::kSealCompromisedTimeUnproven);
  // Retired and compromised later: the compromise still decides.
  EXPECT_EQ(get(judge(pdf, "2026-01-01", "2025-12-01"), CheckId::kSealPolicy).code, Code::kSealCompromisedTimeUnproven);
}

TEST_F(SealLifecycleTest, TheListCarriesTheLifecycleAndRefusesBadTimes) {
  const TrustListInput in = list_with("2026-01-01T00:00:00+08:00", "2026-02-01");
  const auto parsed = parse_trust_list(in.json);
  ASSERT_TRUE(parsed);
  const std::string fp = fingerprint_of(s_pki->seal.get());
  const auto it = std::find_if(parsed->seals.begin(), parsed->seals.end(),
                               [&](const TrustedSeal& t) { return t.certificate_sha256 == fp; });
  ASSERT_NE(it, parsed->seals.end());
  EXPECT_EQ(it->until, "2026-01-01T00:00:00+08:00");
  EXPECT_EQ(it->compromised_at, "2026-02-01");
  std::string json(in.json.begin(), in.json.end());
  json.replace(json.find("2026-02-01"), 10, "2026-13-01");
  EXPECT_FALSE(parse_trust_list({reinterpret_cast<const std::uint8_t*>(json.data()), json.size()}));
}

// RFC 3161 signature timestamps, made by OpenSSL's time-stamping
// responder (TS_RESP_CTX), not by our code.
class TimestampTest : public SealLifecycleTest {
 protected:
  struct Tsa {
    ossl::X509Ptr cert;
    ossl::PKey key;
  };
  // A TSA certificate (timeStamping, critical) issued by `pki`'s root.
  static Tsa make_tsa(const Pki& pki) {
    const unsigned char* q = pki.root_der.data();
    ossl::X509Ptr root(d2i_X509(nullptr, &q, static_cast<long>(pki.root_der.size())));
    Tsa t{ossl::X509Ptr(X509_new()), ossl::PKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"))};
    X509* c = t.cert.get();
    X509_set_version(c, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(c), 3161);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("TEST TSA"), -1, -1, 0);
    X509_set_issuer_name(c, X509_get_subject_name(root.get()));
    ASN1_TIME_set(X509_getm_notBefore(c), static_cast<time_t>(kNow - 86400));
    ASN1_TIME_set(X509_getm_notAfter(c), static_cast<time_t>(kNow + 365 * 86400));
    X509_set_pubkey(c, t.key.get());
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, root.get(), c, nullptr, nullptr, 0);
    for (auto [nid, value] :
         {std::pair{NID_authority_key_identifier, "keyid:always"}, std::pair{NID_subject_key_identifier, "hash"},
          std::pair{NID_ext_key_usage, "critical,timeStamping"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
      EXPECT_NE(ext, nullptr);
      X509_add_ext(c, ext, -1);
      X509_EXTENSION_free(ext);
    }
    EXPECT_GT(X509_sign(c, pki.root_key.get(), EVP_sha256()), 0);
    return t;
  }
  // A token from `tsa` over SHA-256 of `data`, dated `at` (OpenSSL's
  // responder, through the issuer).
  static Bytes token(const Tsa& tsa, std::span<const unsigned char> data, std::int64_t at) {
    return issuer::timestamp_token(tsa.cert.get(), tsa.key.get(), data, at);
  }
  // The sample sealed at kNow with a timestamp from `tsa` at `at` over its
  // signature value (or over `other` bytes instead).
  static Bytes stamped(const Tsa& tsa, std::int64_t at, const std::string& other = "") {
    return with_cms_edited(sealed(), [&](CMS_ContentInfo* cms) {
      CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
      const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
      const Bytes t =
          other.empty()
              ? token(tsa, {ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig))}, at)
              : token(tsa, {reinterpret_cast<const unsigned char*>(other.data()), other.size()}, at);
      ASSERT_FALSE(t.empty());
      ASSERT_EQ(CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, t.data(),
                                              static_cast<int>(t.size())),
                1);
    });
  }
  // The PKI's trust list naming `tsa_anchor` as a TSA, and a lifecycle.
  static Report judge_with_tsa(const Bytes& pdf, const Bytes& tsa_anchor, const std::string& compromised_at = "") {
    TrustList t = issuer::demo_trust_list(s_pki->paths, 3, kNow - 86400);
    const std::string fp = fingerprint_of(s_pki->seal.get());
    for (TrustedSeal& e : t.seals) {
      if (e.certificate_sha256 == fp) e.compromised_at = compromised_at;
    }
    const unsigned char* q = tsa_anchor.data();
    ossl::X509Ptr anchor(d2i_X509(nullptr, &q, static_cast<long>(tsa_anchor.size())));
    t.tsas.push_back({"TEST TSA anchor", issuer::certificate_pem(anchor.get())});
    VerifyOptions o = options();
    o.trust_list = issuer::build_trust_list(t, s_pki->root_key.get());
    return verify_pdf(pdf, o);
  }
};

// A token made by hand (OpenSSL's responder refuses a signer that is not a
// TSA): a TSTInfo over `data`'s SHA-256 at `at`, signed as CMS with ESS v2.
Bytes hand_made_token(X509* cert, EVP_PKEY* key, std::span<const unsigned char> data, std::int64_t at) {
  auto tlv = [](std::uint8_t tag, const Bytes& v) { return der_tlv(tag, v); };
  auto cat = [](std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
  };
  unsigned char digest[32];
  EVP_Digest(data.data(), data.size(), digest, nullptr, EVP_sha256(), nullptr);
  const Bytes sha256_oid = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
  const Bytes policy = {0x2a, 0x03, 0x04, 0x01};
  char when[32];
  const time_t t = static_cast<time_t>(at);
  std::strftime(when, sizeof when, "%Y%m%d%H%M%SZ", std::gmtime(&t));
  const Bytes tst =
      tlv(der::kSequence, cat({tlv(der::kInteger, {1}), tlv(der::kOid, policy),
                               tlv(der::kSequence, cat({tlv(der::kSequence, tlv(der::kOid, sha256_oid)),
                                                        tlv(der::kOctetString, Bytes(digest, digest + 32))})),
                               tlv(der::kInteger, {0x2a}), tlv(der::kGeneralizedTime, Bytes(when, when + 15))}));
  ossl::Bio in(BIO_new_mem_buf(tst.data(), static_cast<int>(tst.size())));
  const unsigned flags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  ossl::Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_set1_eContentType(cms.get(), OBJ_nid2obj(NID_id_smime_ct_TSTInfo));
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert, key, EVP_sha256(), flags);
  ESS_SIGNING_CERT_V2* sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), cert, nullptr, 0);
  unsigned char* sc_der = nullptr;
  const int sc_len = i2d_ESS_SIGNING_CERT_V2(sc, &sc_der);
  ASN1_STRING* seq = ASN1_STRING_new();
  ASN1_STRING_set(seq, sc_der, sc_len);
  CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, seq, -1);
  ASN1_STRING_free(seq);
  OPENSSL_free(sc_der);
  ESS_SIGNING_CERT_V2_free(sc);
  EXPECT_EQ(CMS_final(cms.get(), in.get(), nullptr, flags), 1);
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(cms.get(), &der);
  Bytes out(der, der + std::max(len, 0));
  OPENSSL_free(der);
  return out;
}

TEST_F(TimestampTest, ATokenSignedByACertificateThatIsNoTsaIsInvalid) {
  // The seal's own certificate (chaining to the listed anchor) signing a
  // well-formed token: it is not a time-stamping authority.
  const Bytes pdf = with_cms_edited(sealed(), [&](CMS_ContentInfo* cms) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
    const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    const Bytes t =
        hand_made_token(s_pki->seal.get(), s_pki->key.get(),
                        {ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig))}, kNow + 60);
    ASSERT_FALSE(t.empty());
    ASSERT_EQ(CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, t.data(),
                                            static_cast<int>(t.size())),
              1);
  });
  const Report r = judge_with_tsa(pdf, s_pki->root_der);
  EXPECT_EQ(r.verdict(), Verdict::kInvalid) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kTimestamp).code, Code::kTimestampNotTsa);
  // The same token made by the TSA's own key and certificate verifies:
  // what fails above is the signer, not the hand-made token.
  const Tsa tsa = make_tsa(*s_pki);
  const Bytes good = with_cms_edited(sealed(), [&](CMS_ContentInfo* cms) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
    const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    const Bytes t =
        hand_made_token(tsa.cert.get(), tsa.key.get(),
                        {ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig))}, kNow + 60);
    ASSERT_EQ(CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, t.data(),
                                            static_cast<int>(t.size())),
              1);
  });
  EXPECT_EQ(get(judge_with_tsa(good, s_pki->root_der), CheckId::kTimestamp).code, Code::kTimestampVerified);
}

TEST_F(TimestampTest, AVerifiedTimestampIsTheSealsTime) {
  const Tsa tsa = make_tsa(*s_pki);
  const Report r = judge_with_tsa(stamped(tsa, kNow + 60), s_pki->root_der);
  EXPECT_EQ(r.verdict(), Verdict::kValid) << to_json(r, "x");
  EXPECT_EQ(get(r, CheckId::kTimestamp).code, Code::kTimestampVerified);
  EXPECT_EQ(r.seal->time_source, "timestamp");
  EXPECT_EQ(r.seal->signed_at, "2025-11-21T08:01:00+08:00");
  // Without a TSA in the trust list it proves nothing: the claimed time
  // stands and the verdict cannot be valid.
  const Report bare = check(stamped(tsa, kNow + 60));
  EXPECT_EQ(bare.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(bare, CheckId::kTimestamp).code, Code::kTimestampUntrusted);
  EXPECT_EQ(bare.seal->time_source, "signingTime");
}

TEST_F(TimestampTest, AProvenTimeBeforeACompromiseStands) {
  const Tsa tsa = make_tsa(*s_pki);
  const Bytes pdf = stamped(tsa, kNow + 60);
  EXPECT_EQ(judge_with_tsa(pdf, s_pki->root_der, "2025-12-01").verdict(), Verdict::kValid);
  const Report after = judge_with_tsa(pdf, s_pki->root_der, "2025-11-21T08:00:30+08:00");
  EXPECT_EQ(get(after, CheckId::kSealPolicy).code, Code::kSealCompromised);
}

TEST_F(TimestampTest, ForgedOrForeignTimestampsFailTheirOwnCheck) {
  const Tsa tsa = make_tsa(*s_pki);
  // The imprint of other bytes (another signature's token, moved here).
  const Report moved = judge_with_tsa(stamped(tsa, kNow + 60, "another seal's signature"), s_pki->root_der);
  EXPECT_EQ(moved.verdict(), Verdict::kInvalid);
  EXPECT_EQ(get(moved, CheckId::kTimestamp).code, Code::kTimestampInvalid);
  // A TSA the trust list does not name (issued by another root).
  const Tsa foreign = make_tsa(*s_other);
  const Report unknown = judge_with_tsa(stamped(foreign, kNow + 60), s_pki->root_der);
  EXPECT_EQ(unknown.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(get(unknown, CheckId::kTimestamp).code, Code::kTimestampUntrusted);
  // Dated after the validation time (kNow + 3600, five minutes' grace).
  const Report future = judge_with_tsa(stamped(tsa, kNow + 7200), s_pki->root_der);
  EXPECT_EQ(get(future, CheckId::kTimestamp).code, Code::kTimestampInFuture);
  EXPECT_EQ(future.verdict(), Verdict::kIndeterminate);
}

TEST_F(VerifyTest, JsonCarriesVerdictAndMessages) {
  const std::string json = to_json(check(sealed()), "a \"quoted\" name.pdf");
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_NE(json.find(R"("file":"a \"quoted\" name.pdf","verdict":"valid")"), std::string::npos);
  EXPECT_NE(json.find(R"("message_zh":"印章签名有效，文件未被篡改")"), std::string::npos);
}

}  // namespace
}  // namespace sealcheck
