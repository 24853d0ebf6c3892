// The demo PKI (issuer side, native only). Every name says DEMO/演示 so a
// demo key can never be mistaken for the ministry's real seal.
#pragma once

#include <cstdint>
#include <string>

namespace sealcheck::issuer {

struct PkiPaths final {
  std::string dir;
  std::string root_cert() const { return dir + "/root.pem"; }
  std::string root_key() const { return dir + "/root.key"; }
  std::string seal_cert() const { return dir + "/seal-ministry.pem"; }
  std::string seal_key() const { return dir + "/seal-ministry.key"; }
};

// Creates the directory (mode 0700) with a root CA (RSA-3072) and the
// ministry seal certificate (ECDSA P-256), keys mode 0600. `now` is the
// issuing time (Unix seconds). Throws std::runtime_error on failure; refuses
// to overwrite an existing PKI.
void init_pki(const PkiPaths& paths, std::int64_t now);

}  // namespace sealcheck::issuer
