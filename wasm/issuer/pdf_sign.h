// Sealing PDFs (issuer side, native only): an incremental update that adds
// a signature field with a placeholder, then a detached CMS signature over
// the byte range, written into the placeholder.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "issuer/sm2_sign.h"

namespace sealcheck::issuer {

// Forgeries for the test corpus only (tests/corpus/make_corpus.cc), never
// part of a Signer: a seal is made without them.
struct Forgery final {
  // bind_certificate: the certificate named in the ESS
  // signing-certificate-v2 attribute (nullptr: the signer's, as PAdES
  // requires). content_type_nid: a signed contentType other than id-data.
  X509* bind_certificate = nullptr;
  int content_type_nid = 0;
  bool omit_signing_certificate = false;
  // No signingTime attribute and no /M: a seal that states no time.
  bool omit_signing_time = false;
};

struct Signer final {
  X509* cert = nullptr;            // borrowed
  EVP_PKEY* key = nullptr;         // borrowed
  std::vector<X509*> chain;        // extra certificates to embed, borrowed
  std::int64_t signing_time = 0;   // Unix seconds, written as signingTime and /M
  const EVP_MD* digest = nullptr;  // nullptr: SHA-256 (tests pass weaker ones)
  // With an SM2 key the SignedData is built by sign_detached_sm2 (SM3, SM2,
  // these OIDs and this ID); `digest` and the forgery knobs do not apply.
  Sm2SignOptions sm2;
  // A GB/T 38540 seal (make_seseal in ses_sign.h): when set, /Contents
  // holds an SES_Signature carrying it (SM2 key, sm2.id as the signer's ID)
  // instead of a SignedData.
  std::vector<std::uint8_t> ses_seal;
  // A signature timestamp (RFC 3161) from this TSA, dated tsa_time, added
  // as the seal's signatureTimeStampToken (CMS seals only); borrowed.
  X509* tsa_cert = nullptr;
  EVP_PKEY* tsa_key = nullptr;
  std::int64_t tsa_time = 0;
  // CRLs (DER) of the seal certificate's authority, signed in with the seal
  // as Adobe's revocationInfoArchival attribute (PAdES-era signers do).
  std::vector<std::vector<std::uint8_t>> archived_crls;
  std::vector<std::vector<std::uint8_t>> archived_ocsps;  // OCSPResponses, likewise
};

// A file embedded in the sealed revision (EmbeddedFiles name tree and the
// catalog's /AF), so it is covered by the seal.
struct Attachment final {
  std::string name;       // e.g. kCertificateAttachment
  std::string mime_type;  // e.g. "application/json"
  std::string data;
};

struct SignOptions final {
  std::string field_name = "Seal1";
  std::size_t contents_bytes = 8192;               // placeholder room for the CMS blob
  std::string sub_filter = "adbe.pkcs7.detached";  // or ETSI.CAdES.detached
  // The widget's /Rect on the first page, PDF user space [x1 y1 x2 y2]:
  // where the seal is drawn, so viewers (and sealcheck's preview) can show
  // it. All zero: an invisible seal.
  std::array<double, 4> rect{0, 0, 0, 0};
  std::optional<Attachment> attachment;
  // A document timestamp's dictionary (/Type /DocTimeStamp, /SubFilter
  // /ETSI.RFC3161, no /M) instead of a seal's: PAdES B-LTA.
  bool document_timestamp = false;
};

// A file with its signature placeholder in place, not yet signed.
struct Prepared final {
  std::vector<std::uint8_t> bytes;
  std::size_t range_pos = 0;  // the /ByteRange value placeholder
  std::size_t gap_start = 0;  // the /Contents hex string, '<' ...
  std::size_t gap_end = 0;    // ... one past '>'

  // The range a genuine signer writes: everything but the /Contents string.
  std::array<std::int64_t, 4> exact_range() const;
};

// Appends the incremental update (signature dictionary, form field on the
// first page, updated form and catalog, xref section). Throws
// std::runtime_error if `base` cannot be read or is encrypted. Without a
// signing time the dictionary has no /M.
Prepared prepare_signature(std::span<const std::uint8_t> base, const SignOptions& options,
                           std::optional<std::int64_t> signing_time);

// Writes `byte_range` into the placeholder, signs exactly those ranges and
// fills /Contents. Genuine callers pass prepared.exact_range(); the test
// corpus passes others to build forgeries.
std::vector<std::uint8_t> finish_signature(Prepared prepared, const Signer& signer,
                                           const std::array<std::int64_t, 4>& byte_range, const Forgery& forgery = {});

// Writes `byte_range` into the placeholder and `der` (a CMS blob or a
// timestamp token made elsewhere) into /Contents.
std::vector<std::uint8_t> fill_contents(Prepared prepared, const std::array<std::int64_t, 4>& byte_range,
                                        std::span<const std::uint8_t> der);

// A document timestamp over `base` (PAdES B-LTA): an invisible signature
// field whose /Contents is a token from this TSA over the file's signed
// bytes, dated `at`.
std::vector<std::uint8_t> timestamp_pdf(std::span<const std::uint8_t> base, X509* tsa_cert, EVP_PKEY* tsa_key,
                                        std::int64_t at, const std::string& field_name = "DocTimeStamp1");

// An RFC 3161 TimeStampToken (DER) from OpenSSL's responder, signed by
// this TSA, over SHA-256 of `data`, dated `at`. Throws std::runtime_error.
std::vector<std::uint8_t> timestamp_token(X509* tsa_cert, EVP_PKEY* tsa_key, std::span<const std::uint8_t> data,
                                          std::int64_t at);

// prepare + exact range + finish.
std::vector<std::uint8_t> sign_pdf(std::span<const std::uint8_t> base, const Signer& signer,
                                   const SignOptions& options = {}, const Forgery& forgery = {});

// A one-page A4 PDF showing `text` (ASCII), unsigned. pad_bytes adds an
// unreferenced binary stream of that size (benchmarks need certificate-
// sized files, as a scanned photo would make them).
std::vector<std::uint8_t> make_unsigned_sample(const std::string& text, std::size_t pad_bytes = 0);

// An incremental update that only embeds `attachment` (no seal): lets an
// external signer seal a file that carries certificate data.
std::vector<std::uint8_t> attach_only(std::span<const std::uint8_t> base, const Attachment& attachment);

// The certificate data of a fictitious 2020 certificate of 中国拍卖行业协会
// (seal it with that body's seal), as the attachment the verifier reads.
// Sealed at sealed_at, it carries the annotation the rules then ask for:
// 本人调用 applied for that Beijing day, in force for 90 days from it.
Attachment sample_certificate_attachment(std::int64_t sealed_at);

// make_unsigned_sample + sign_pdf, embedding
// sample_certificate_attachment(signer.signing_time).
std::vector<std::uint8_t> make_signed_sample(const std::string& text, const Signer& signer, std::size_t pad_bytes = 0);

// Detached CMS SignedData over the concatenation of `parts`, with signed
// attributes (contentType, messageDigest, signingTime).
std::vector<std::uint8_t> sign_detached(const std::vector<std::string_view>& parts, const Signer& signer,
                                        const Forgery& forgery = {});

}  // namespace sealcheck::issuer
