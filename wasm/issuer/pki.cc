#include "issuer/pki.h"

#include "issuer/ses_sign.h"
#include "sealcheck/domain_rules.h"

#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "crypto/ossl.h"

namespace sealcheck::issuer {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

}  // namespace

ossl::PKey generate_key(KeyAlgorithm algorithm, std::size_t rsa_bits) {
  EVP_PKEY* k = algorithm == KeyAlgorithm::kRsa   ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", rsa_bits)
                : algorithm == KeyAlgorithm::kSm2 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
                                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (k == nullptr) fail("key generation failed");
  return ossl::PKey(k);
}

namespace {

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                 -1, 0) != 1) {
    fail(std::string("bad name field ") + field);
  }
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) fail("bad extension");
  X509_EXTENSION_free(ext);
}

}  // namespace

ossl::X509Ptr make_certificate(const CertSpec& p, EVP_PKEY* subject_key, X509* issuer_cert, EVP_PKEY* issuer_key) {
  ossl::X509Ptr cert(X509_new());
  if (!cert) fail("out of memory");
  X509_set_version(cert.get(), X509_VERSION_3);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail("no randomness");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(p.not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(p.not_after));
  X509_NAME* name = X509_get_subject_name(cert.get());
  add_name(name, "C", "CN");
  add_name(name, "O", p.organization);
  add_name(name, "CN", p.common_name);
  X509_set_issuer_name(cert.get(), issuer_cert ? X509_get_subject_name(issuer_cert) : name);
  X509_set_pubkey(cert.get(), subject_key);
  X509* issuer_for_ext = issuer_cert ? issuer_cert : cert.get();
  add_ext(cert.get(), issuer_for_ext, NID_subject_key_identifier, "hash");
  add_ext(cert.get(), issuer_for_ext, NID_authority_key_identifier, "keyid:always");
  add_ext(cert.get(), issuer_for_ext, NID_basic_constraints, p.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (!p.key_usage.empty()) add_ext(cert.get(), issuer_for_ext, NID_key_usage, p.key_usage.c_str());
  if (!p.extended_key_usage.empty()) {
    add_ext(cert.get(), issuer_for_ext, NID_ext_key_usage, p.extended_key_usage.c_str());
  }
  if (EVP_PKEY_is_a(issuer_key, "SM2")) {
    // SM2 with SM3 and the default distinguishing ID (GM/T 0015).
    ossl::MdCtx mctx(EVP_MD_CTX_new());
    ossl::PKeyCtx pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, issuer_key, nullptr));
    static const char kId[] = "1234567812345678";
    const bool ok = mctx && pctx && EVP_PKEY_CTX_set1_id(pctx.get(), kId, sizeof kId - 1) == 1 &&
                    (EVP_MD_CTX_set_pkey_ctx(mctx.get(), pctx.get()), true) &&
                    EVP_DigestSignInit(mctx.get(), nullptr, EVP_sm3(), nullptr, issuer_key) == 1 &&
                    X509_sign_ctx(cert.get(), mctx.get()) > 0;
    EVP_MD_CTX_set_pkey_ctx(mctx.get(), nullptr);
    if (!ok) fail("SM2 certificate signing failed");
  } else if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) {
    fail("certificate signing failed");
  }
  return cert;
}

std::string certificate_pem(X509* cert) {
  ossl::Bio mem(BIO_new(BIO_s_mem()));
  if (!mem || PEM_write_bio_X509(mem.get(), cert) != 1) fail("cannot write a certificate as PEM");
  char* data = nullptr;
  const long n = BIO_get_mem_data(mem.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::vector<std::uint8_t> certificate_der(X509* cert) {
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert, &der);
  if (n <= 0) fail("cannot write a certificate as DER");
  std::vector<std::uint8_t> out(der, der + n);
  OPENSSL_free(der);
  return out;
}

namespace {

void write_pem(const std::string& path, X509* cert) {
  FILE* f = std::fopen(path.c_str(), "wx");
  if (f == nullptr) fail("cannot create " + path);
  const bool ok = PEM_write_X509(f, cert) == 1;
  std::fclose(f);
  if (!ok) fail("cannot write " + path);
}

void write_key(const std::string& path, EVP_PKEY* key) {
  // Created 0600 from the start: the key is never readable by others, not
  // even for a moment.
  const mode_t old = umask(077);
  FILE* f = std::fopen(path.c_str(), "wx");
  umask(old);
  if (f == nullptr) fail("cannot create " + path);
  const bool ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(f);
  if (!ok) fail("cannot write " + path);
}

}  // namespace

const std::vector<SealProfile>& demo_seals() {
  // DOMAIN.md: from 2021-12-17 the ministry seals the ministry-approved
  // qualifications (here an illustrative subset of the 24); each body
  // seals its own.
  static const std::vector<SealProfile> kSeals = {
      {kMinistry,
       "【演示 DEMO】中华人民共和国人力资源和社会保障部专业技术人员职业资格证书专用章",
       "seal-ministry",
       {"经济专业技术资格", "一级建造师", "注册城乡规划师", "注册测绘师", "一级造价工程师", "勘察设计注册工程师",
        "注册验船师", "中级注册安全工程师", "一级注册消防工程师", "执业药师", "社会工作者职业资格", "审计专业技术资格",
        "统计专业技术资格", "出版专业技术人员职业资格", "翻译专业资格"},
       rules::kMinistrySealFrom.data()},
      {"中国拍卖行业协会", "【演示 DEMO】中国拍卖行业协会", "seal-auction", {"拍卖师"}, ""},
      {"中国注册税务师协会", "【演示 DEMO】中国注册税务师协会", "seal-tax", {"税务师"}, ""},
      {"中国银行业协会", "【演示 DEMO】中国银行业协会", "seal-banking", {"银行业专业人员职业资格"}, ""},
      {"中国资产评估协会", "【演示 DEMO】中国资产评估协会", "seal-appraisal", {"资产评估师"}, ""},
  };
  return kSeals;
}

LoadedSeal load_seal(const PkiPaths& paths, const std::string& body) {
  const std::string wanted = body == "ministry" ? std::string(kMinistry) : body;
  std::ifstream in(paths.seals_index());
  if (!in) fail("no seal index in " + paths.dir + " (run 'sealcheck pki init')");
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos || line.substr(0, tab) != wanted) continue;
    const std::string stem = paths.dir + "/" + line.substr(tab + 1);
    LoadedSeal s;
    s.body = wanted;
    FILE* f = std::fopen((stem + ".pem").c_str(), "r");
    if (f) s.cert.reset(PEM_read_X509(f, nullptr, nullptr, nullptr)), std::fclose(f);
    f = std::fopen((stem + ".key").c_str(), "r");
    if (f) s.key.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr)), std::fclose(f);
    if (!s.cert || !s.key) fail("cannot read the seal files " + stem + ".pem/.key");
    char cn[512] = {0};
    X509_NAME_get_text_by_NID(X509_get_subject_name(s.cert.get()), NID_commonName, cn, sizeof cn);
    s.seal_name = cn;
    if (std::ifstream ses(stem + ".ses", std::ios::binary); ses) {
      s.eseal.assign(std::istreambuf_iterator<char>(ses), std::istreambuf_iterator<char>());
    }
    return s;
  }
  fail("the PKI has no seal for issuing body \"" + wanted + "\"");
}

std::vector<LoadedSeal> load_all_seals(const PkiPaths& paths) {
  std::vector<LoadedSeal> out;
  std::ifstream in(paths.seals_index());
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) out.push_back(load_seal(paths, line.substr(0, tab)));
  }
  return out;
}

void init_pki(const PkiPaths& paths, const PkiOptions& options) {
  const std::int64_t now = options.now;
  namespace fs = std::filesystem;
  if (fs::exists(paths.root_key())) fail("a PKI already exists in " + paths.dir);
  fs::create_directories(paths.dir);
  fs::permissions(paths.dir, fs::perms::owner_all, fs::perm_options::replace);

  constexpr std::int64_t kDay = 86400;
  const std::int64_t from = options.valid_from.value_or(now - kDay);
  if (from >= now) fail("--valid-from must be before --at");
  ossl::PKey root_key = generate_key(options.algorithm, 3072);
  ossl::X509Ptr root = make_certificate({"sealcheck 演示根证书 DEMO ROOT CA", true, from, now + 3650 * kDay,
                                         "critical,keyCertSign,cRLSign,digitalSignature"},
                                        root_key.get(), nullptr, root_key.get());
  write_key(paths.root_key(), root_key.get());
  write_pem(paths.root_cert(), root.get());
  // An SM2 PKI: a seal maker, certified by the root, signs each seal's
  // GB/T 38540 SESeal.
  ossl::PKey maker_key;
  ossl::X509Ptr maker;
  if (options.algorithm == KeyAlgorithm::kSm2) {
    maker_key = generate_key(options.algorithm);
    maker = make_certificate({"sealcheck 演示制章人 DEMO SEAL MAKER", false, from, now + 3650 * kDay,
                              "critical,digitalSignature,nonRepudiation"},
                             maker_key.get(), root.get(), root_key.get());
    write_key(paths.maker_key(), maker_key.get());
    write_pem(paths.maker_cert(), maker.get());
  }
  // A time-stamping authority for signature timestamps (ECDSA whatever the
  // PKI's algorithm: OpenSSL's responder signs with it).
  {
    ossl::PKey tsa_key = generate_key(KeyAlgorithm::kEcdsaP256);
    CertSpec spec{"sealcheck 演示时间戳服务 DEMO TSA", false, from, now + 3650 * kDay, "critical,digitalSignature"};
    spec.extended_key_usage = "critical,timeStamping";
    ossl::X509Ptr tsa = make_certificate(spec, tsa_key.get(), root.get(), root_key.get());
    write_key(paths.tsa_key(), tsa_key.get());
    write_pem(paths.tsa_cert(), tsa.get());
  }
  std::string index;
  for (const SealProfile& s : demo_seals()) {
    ossl::PKey seal_key = generate_key(options.algorithm, 2048);
    ossl::X509Ptr seal =
        make_certificate({s.seal_name, false, from, now + 1825 * kDay, "critical,digitalSignature,nonRepudiation"},
                         seal_key.get(), root.get(), root_key.get());
    write_key(paths.dir + "/" + s.stem + ".key", seal_key.get());
    write_pem(paths.dir + "/" + s.stem + ".pem", seal.get());
    if (maker) {
      SesSealSpec spec;
      spec.maker_cert = maker.get();
      spec.maker_key = maker_key.get();
      spec.es_id = std::string("DEMO-") + s.stem;
      spec.name = s.seal_name;
      spec.created = spec.valid_start = from;
      spec.valid_end = now + 1825 * kDay;
      spec.signers = {seal.get()};
      const std::vector<std::uint8_t> der = make_seseal(spec);
      std::ofstream(paths.dir + "/" + s.stem + ".ses", std::ios::binary)
          .write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
    }
    index += std::string(s.body) + "\t" + s.stem + "\n";
  }
  FILE* f = std::fopen(paths.seals_index().c_str(), "wx");
  if (f == nullptr) fail("cannot create " + paths.seals_index());
  std::fputs(index.c_str(), f);
  std::fclose(f);
}

}  // namespace sealcheck::issuer
