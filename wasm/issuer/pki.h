// The demo PKI (issuer side, native only). Every name says DEMO/演示 so a
// demo key can never be mistaken for the ministry's real seal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/ossl.h"

namespace sealcheck::issuer {

struct PkiPaths final {
  std::string dir;
  std::string root_cert() const { return dir + "/root.pem"; }
  std::string root_key() const { return dir + "/root.key"; }
  std::string seal_cert() const { return dir + "/seal-ministry.pem"; }
  std::string seal_key() const { return dir + "/seal-ministry.key"; }
  // One line per seal: issuing body, TAB, file stem (stem.pem / stem.key;
  // an SM2 PKI also has stem.ses, the seal's GB/T 38540 SESeal).
  std::string seals_index() const { return dir + "/seals.tsv"; }
  // The seal maker (制章人) of an SM2 PKI, who signs the SESeals.
  std::string maker_cert() const { return dir + "/seal-maker.pem"; }
  std::string maker_key() const { return dir + "/seal-maker.key"; }
  // The demo time-stamping authority (RFC 3161), certified by the root.
  std::string tsa_cert() const { return dir + "/tsa.pem"; }
  std::string tsa_key() const { return dir + "/tsa.key"; }
};

// The issuing bodies of the demo PKI and the seal each gets. The ministry
// seals the ministry-approved qualifications; each body seals its own.
inline constexpr const char* kMinistry = "中华人民共和国人力资源和社会保障部";
struct SealProfile final {
  const char* body;                         // issuing body, exactly as certificates name it
  const char* seal_name;                    // the seal's name (certificate CN), marked DEMO
  const char* stem;                         // file stem in the PKI directory
  std::vector<std::string> qualifications;  // what it seals (an illustrative subset)
  const char* from;                         // first issue date it seals ("" = always)
};
const std::vector<SealProfile>& demo_seals();

struct LoadedSeal final {
  std::string body;
  std::string seal_name;
  ossl::X509Ptr cert;
  ossl::PKey key;
  std::vector<std::uint8_t> eseal;  // the GB/T 38540 SESeal (SM2 PKIs), else empty
};
// The seal for an issuing body ("ministry" selects the ministry seal);
// throws std::runtime_error when the PKI has none.
LoadedSeal load_seal(const PkiPaths& paths, const std::string& body);
// Every seal of the PKI (seals.tsv order).
std::vector<LoadedSeal> load_all_seals(const PkiPaths& paths);

enum class KeyAlgorithm { kEcdsaP256, kRsa, kSm2 };

struct PkiOptions final {
  std::int64_t now = 0;  // issuing time, Unix seconds
  // kRsa: RSA-3072 root, RSA-2048 seal; kEcdsaP256: P-256 for both.
  KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256;
  // First second the certificates (and SESeals) are valid; default a day
  // before `now`. Earlier lets a demo seal certificates made years ago.
  std::optional<std::int64_t> valid_from;
};

ossl::PKey generate_key(KeyAlgorithm algorithm, std::size_t rsa_bits = 2048);

// One X.509 v3 certificate. key_usage is OpenSSL's extension syntax, e.g.
// "critical,digitalSignature,nonRepudiation". issuer_cert == nullptr makes
// a self-signed certificate.
struct CertSpec final {
  std::string common_name;
  bool ca = false;
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  std::string key_usage;
  std::string organization = "sealcheck 演示 DEMO (not a real authority)";
  std::string extended_key_usage{};  // e.g. "critical,timeStamping"; empty: none
};
ossl::X509Ptr make_certificate(const CertSpec& spec, EVP_PKEY* subject_key, X509* issuer_cert, EVP_PKEY* issuer_key);
// The certificate as PEM text. Throws std::runtime_error.
std::string certificate_pem(X509* cert);
// The certificate's DER. Throws std::runtime_error.
std::vector<std::uint8_t> certificate_der(X509* cert);

// Creates the directory (mode 0700) with a root CA and the seal
// certificates, keys mode 0600. An SM2 PKI also gets a seal maker and, per
// seal, a GB/T 38540 SESeal listing the seal's certificate, valid as long
// as it. Throws std::runtime_error on failure;
// refuses to overwrite an existing PKI.
void init_pki(const PkiPaths& paths, const PkiOptions& options);

}  // namespace sealcheck::issuer
