// RFC 3161 timestamps: a TimeStampToken over a seal's signature value (a
// signature timestamp) or over a file's signed bytes (a document
// timestamp), verified against the time-stamping authorities of the signed
// trust list. Internal to the core; the seal formats and verify.cc call it.
#pragma once

#include <cstdint>
#include <optional>

#include "crypto/cms_check.h"
#include "crypto/der.h"

namespace sealcheck::seal {

struct TimestampResult final {
  Check check;                       // kTimestamp
  std::optional<std::int64_t> time;  // genTime, once every check holds
};

// `token`: the DER of the signatureTimeStampToken attribute's value (a
// ContentInfo); `signature_value`: the seal's signature value, which its
// messageImprint must hash. TSA anchors: in.tsa_anchors.
TimestampResult check_signature_timestamp(const CmsInput& in, DerSpan token, DerSpan signature_value);

// A document timestamp (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161):
// in.cms_der is its /Contents (the token, zero-padded), whose imprint must
// hash in.covered, the two signed ranges. Reported as kDocumentTimestamp.
TimestampResult check_document_timestamp(const CmsInput& in);

}  // namespace sealcheck::seal
