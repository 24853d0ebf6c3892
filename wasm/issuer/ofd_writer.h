// The issuer's OFD certificates (GB/T 33190): the same details as the PDF
// (certificate_render.h) printed as TextObjects on an A4 page, packaged as
// a ZIP and sealed with the PKI's GB/T 38540 seal like real OFD producers
// do: Seal.esl, a Signature.xml naming every file with its SM3 digest, and
// the SES_Signature over that Signature.xml. The certificate's data block,
// when given, is an attachment (Attachments.xml), sealed like every file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "issuer/certificate_render.h"

namespace sealcheck::issuer {

struct OfdSeal final {
  X509* cert = nullptr;              // borrowed: the seal's signer
  EVP_PKEY* key = nullptr;           // borrowed
  std::vector<std::uint8_t> seseal;  // the GB/T 38540 SESeal
  std::int64_t signing_time = 0;
};

// The sealed OFD; `add_seal`: sealed once more a minute later, the second
// signature naming the first's files (a file sealed twice).
// `embedded_json`: the data block to attach (kCertificateAttachment), or empty.
std::vector<std::uint8_t> make_certificate_ofd(const RenderInput& input, const OfdSeal& seal, bool add_seal = false,
                                               const std::string& embedded_json = {});

// A ZIP archive of the entries, in order (deflated; the time 2020-01-01).
std::vector<std::uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries);

}  // namespace sealcheck::issuer
